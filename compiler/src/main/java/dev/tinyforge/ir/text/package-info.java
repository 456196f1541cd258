/**
 * The textual IR: {@link dev.tinyforge.ir.text.IrPrinter} writes a graph, {@link dev.tinyforge.ir.text.IrParser}
 * reads it back (grammar: {@code src/main/antlr4/dev/tinyforge/ir/text/Tir.g4}).
 *
 * <pre>
 * graph &#64;name(%in: tensor&lt;1x4xi8, q(0.5, -1)&gt;) -&gt; (%out) {
 *   %w = const tensor&lt;2x4xi8, q(axis=0, [0.1, 0.2], [0, 0])&gt; dense&lt;"0102030405060708"&gt;
 *   %out = fully_connected "fc" (%in, %w, none) {activation = NONE, keepNumDims = false} : tensor&lt;1x2xi8, q(0.25, 3)&gt;
 * }
 * </pre>
 *
 * <ul>
 *   <li>Header: graph name, inputs with their types, outputs by name.</li>
 *   <li>Constants first (first-use order), data as hex of the little-endian bytes, or
 *       {@code dense<elided, N bytes>} when printed with {@link dev.tinyforge.ir.text.IrPrinter.Options#HUMAN}
 *       (parses only with {@code IrParser.Options.withZeroFillElidedConstants(true)}).</li>
 *   <li>Nodes in execution order: {@code %outs = kind "node name" (operands) {attrs} : output types}; an absent
 *       optional operand is {@code none}; a node without outputs omits {@code %outs =} and the types.</li>
 *   <li>Attributes are the components of the node's {@link dev.tinyforge.ir.Attrs} record, by name and in
 *       declaration order, printed and parsed by reflection: a new record needs no change here.</li>
 *   <li>Types: {@code tensor<DIMSxELEM>} ({@code tensor<i32>} for a scalar), optionally with
 *       {@code q(scale, zp)} or per-channel {@code q(axis=A, [scales], [zps])}. Floats use
 *       {@link java.lang.Float#toString} ({@code NaN}, {@code Infinity}, {@code -Infinity}) and round-trip
 *       bit-exactly.</li>
 *   <li>Names made of {@code [A-Za-z0-9_.$/-]} print bare ({@code %conv_1}), others quoted
 *       ({@code %"input:0"}). {@code //} starts a comment.</li>
 * </ul>
 */
package dev.tinyforge.ir.text;
