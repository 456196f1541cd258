/*
 * The textual IR ("tir"): an MLIR-flavoured, line-oriented form of a dev.tinyforge.ir.Graph.
 *
 *   graph @name(%in: tensor<1x4xi8, q(0.5, -1)>) -> (%out) {
 *     %w = const tensor<2x4xi8, q(axis=0, [0.1, 0.2], [0, 0])> dense<"0102...">
 *     %state = var tensor<1x40xi16, q(0.01, 0)>
 *     %out = fully_connected "fc" (%in, %w, none) {activation = NONE, keepNumDims = false} : tensor<1x2xi8, q(0.25, 3)>
 *   }
 *
 * The grammar only fixes the syntax; IrParser gives meaning to op kinds and attribute names
 * (looked up reflectively on the Attrs records), so new ops need no grammar change.
 */
grammar Tir;

module      : graph EOF ;

graph       : GRAPH graphName '(' (input (',' input)*)? ')' ARROW '(' (valueRef (',' valueRef)*)? ')'
              '{' statement* '}' ;

graphName   : GRAPH_ID ;

input       : valueRef ':' tensorType ;

statement   : constant | variable | node ;

constant    : valueRef '=' CONST tensorType denseData ;

/** Persistent state (a TFLite variable tensor): zero at start, updated in place by the op using it. */
variable    : valueRef '=' VAR tensorType ;

denseData   : DENSE '<' STRING '>'                              # denseHex
            | DENSE '<' ELIDED (',' INT word)? '>'              # denseElided
            ;

node        : (valueRef (',' valueRef)* '=')? opKind=IDENT nodeName=STRING
              '(' (operand (',' operand)*)? ')' attrDict? (':' tensorType (',' tensorType)*)? ;

operand     : valueRef | NONE ;

attrDict    : '{' (attr (',' attr)*)? '}' ;

attr        : word '=' attrValue ;

attrValue   : number                                            # numberValue
            | (TRUE | FALSE)                                    # boolValue
            | word                                              # enumValue
            | '[' (number (',' number)*)? ']'                   # listValue
            ;

number      : INT | FLOAT ;

tensorType  : TENSOR '<' (SHAPED_ELEMENT | word) (',' quant)? '>' ;

quant       : Q '(' number ',' INT ')'                                              # perTensorQuant
            | Q '(' AXIS '=' INT ',' '[' number (',' number)* ']' ',' '[' INT (',' INT)* ']' ')'   # perChannelQuant
            ;

valueRef    : VALUE_ID ;

/** Any identifier, including the words that are keywords elsewhere (an attribute may be called "axis"). */
word        : IDENT | AXIS | Q | CONST | VAR | DENSE | ELIDED | TENSOR | GRAPH | NONE ;

GRAPH   : 'graph' ;
CONST   : 'const' ;
VAR     : 'var' ;
DENSE   : 'dense' ;
ELIDED  : 'elided' ;
TENSOR  : 'tensor' ;
NONE    : 'none' ;
TRUE    : 'true' ;
FALSE   : 'false' ;
AXIS    : 'axis' ;
Q       : 'q' ;
ARROW   : '->' ;

/** Dimensions then element type, e.g. 1x96x96x1xi8 (a scalar's type is a plain word such as i8). */
SHAPED_ELEMENT : ([0-9]+ 'x')+ [a-z] [a-z0-9]* ;

/** %name, or %"any name" with backslash escapes. */
VALUE_ID : '%' (BARE_NAME | QUOTED) ;
GRAPH_ID : '@' (BARE_NAME | QUOTED) ;

FLOAT   : '-'? DIGITS '.' DIGITS ([eE] [+-]? DIGITS)?
        | '-'? DIGITS [eE] [+-]? DIGITS
        | 'NaN'
        | '-'? 'Infinity'
        ;
INT     : '-'? DIGITS ;
STRING  : QUOTED ;
IDENT   : [A-Za-z_] [A-Za-z0-9_]* ;

LINE_COMMENT : '//' ~[\r\n]* -> skip ;
WS      : [ \t\r\n]+ -> skip ;

/** Anything else becomes one token so that the parser reports it with its position. */
UNEXPECTED : . ;

fragment DIGITS    : [0-9]+ ;
fragment BARE_NAME : [A-Za-z0-9_.$/\-]+ ;
fragment QUOTED    : '"' (~["\\\r\n] | '\\' .)* '"' ;
