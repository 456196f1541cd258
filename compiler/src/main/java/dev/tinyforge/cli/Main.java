package dev.tinyforge.cli;
public class Main { public static void main(String[] a) {} }
