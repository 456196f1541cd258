package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Graph;

import java.util.Map;

/**
 * One generated test model: the int8 graph to write as {@code <name>.tflite}, a sentence for humans,
 * facts to record in its JSON (accuracies, for the trained model), and extra files to write beside it
 * (relative paths under the output folder, e.g. sample inputs).
 */
public record GeneratedModel(String name, Graph graph, String description, Map<String, Object> notes,
                             Map<String, byte[]> extraFiles) {}
