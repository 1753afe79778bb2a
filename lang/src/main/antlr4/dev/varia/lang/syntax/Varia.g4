/*
 * The concrete syntax of Varia's .ppl files (reference: spec/language.md).
 *
 * Statements end at a newline when the line could end there (after a name, a number, a closing
 * bracket or '>'), as in Go: the token source dev.varia.lang.syntax.internal.SemicolonInserter turns
 * such newlines into SEMI tokens before the parser sees them. Newlines inside (...) and [...] never
 * end a statement. Keywords other than for/if/else/in/return are "soft": they stay usable as names.
 */
grammar Varia;

// ---------------------------------------------------------------------------------------------
// Declarations

program : sep* (decl (sep+ decl)*)? sep* EOF ;

sep : SEMI ;

decl
  : DATA block                                                              # dataDecl
  | kind=(MODEL | GUIDE) name=ident genParams? (FOR target=ident)? block    # genDecl
  | FN name=ident '(' (param (',' param)*)? ')' ('->' result=type)? fnBody  # fnDecl
  | OBJECTIVE name=ident '(' (objParam (',' objParam)*)? ')' '=' expr       # objectiveDecl
  | FIT (label=ident ':')? model=ident (WITH guide=callRef)?
        (USING fitItem (',' fitItem)*)?                                     # fitDecl
  ;

genParams : '(' (param (',' param)*)? ')' ;

param : ident ':' type ;

objParam : ident (':' type)? ;

fnBody
  : block                 # fnBlock
  | '=' expr              # fnExpr
  ;

callRef : ident ('(' argList? ')')? ;

fitItem
  : STEPS expr            # stepsItem
  | PARTICLES expr        # particlesItem
  | SEED expr             # seedItem
  | callRef               # callItem
  ;

// ---------------------------------------------------------------------------------------------
// Types: real, int, vector[N], matrix[M, N], real<lower=0>[J], simplex[K], ordered[K], real[] ...

type : base=ident ('<' typeArg (',' typeArg)* '>')? dims? ;

typeArg : ident '=' addExpr ;

dims
  : '[' dim (',' dim)* ']'
  ;

dim : expr? ;

// ---------------------------------------------------------------------------------------------
// Statements

block : '{' sep* (stmt (sep+ stmt)*)? sep* '}' ;

stmt
  : bind=ident '=' lhs=expr '~' dist=callRef                               # boundCallStmt
  | lhs=expr '~' dist=callRef batch=dims? annotation*                      # tildeStmt
  | target=ident ('[' indexList ']')? '=' expr                             # assignStmt
  | VAR ident ':' type ('=' expr)?                                         # varStmt
  | PARAM ident ':' type ('=' expr)?                                       # paramStmt
  | REPORT ident ('[' indexList ']')? '=' expr                             # reportStmt
  | FACTOR '(' expr ')'                                                    # factorStmt
  | FOR var=ident IN from=expr '..' to=expr block                          # forStmt
  | PLATE var=ident IN from=expr '..' to=expr block                        # plateStmt
  | ifStmt                                                                 # ifStatement
  | MARGINALIZE var=ident '~' dist=callRef batch=dims? block               # marginalizeStmt
  | RETURN expr                                                            # returnStmt
  | ident ':' type ('=' expr)?                                             # declStmt
  | expr                                                                   # exprStmt
  ;

ifStmt : IF cond=expr then=block (ELSE (otherwise=block | elseIf=ifStmt))? ;

annotation : '@' ident ('(' argList? ')')? ;

argList : arg (',' arg)* ;

arg : (ident '=')? expr ;

indexList : index (',' index)* ;

index
  : from=expr? ':' to=expr?    # rangeIndex
  | expr                       # singleIndex
  ;

// ---------------------------------------------------------------------------------------------
// Expressions, from the loosest binding to the tightest

expr : orExpr ;

orExpr : andExpr ('||' andExpr)* ;

andExpr : cmpExpr ('&&' cmpExpr)* ;

cmpExpr : addExpr (op=('==' | '!=' | '<' | '<=' | '>' | '>=') addExpr)? ;

addExpr : mulExpr (op+=('+' | '-') mulExpr)* ;

mulExpr : unaryExpr (op+=('*' | '/' | '.*' | './') unaryExpr)* ;

unaryExpr
  : op=('-' | '+' | '!') unaryExpr      # prefixExpr
  | powExpr                             # powerExpr
  ;

// -x^2 is -(x^2); x^y^z is x^(y^z)
powExpr : postfixExpr ('^' unaryExpr)? ;

postfixExpr : primary postfix* ;

postfix
  : '[' indexList ']'        # indexPostfix
  | '\''                     # transposePostfix
  | '.' ident                # fieldPostfix
  ;

primary
  : INT                                                    # intLit
  | REAL                                                   # realLit
  | ident '(' argList? ')'                                 # callExpr
  | EXPECT block                                           # expectExpr
  | ident                                                  # nameExpr
  | '(' expr ')'                                           # parenExpr
  | '[' (expr (',' expr)*)? ']'                            # vectorExpr
  | FOR var=ident IN from=expr '..' to=expr block          # forExpr
  ;

// Names: identifiers and the soft keywords.
ident
  : ID | DATA | MODEL | GUIDE | FN | OBJECTIVE | FIT | WITH | USING | STEPS | PARTICLES | SEED
  | VAR | PARAM | REPORT | FACTOR | PLATE | MARGINALIZE | EXPECT
  ;

// ---------------------------------------------------------------------------------------------
// Lexer

FOR : 'for' ;
IF : 'if' ;
ELSE : 'else' ;
IN : 'in' ;
RETURN : 'return' ;

DATA : 'data' ;
MODEL : 'model' ;
GUIDE : 'guide' ;
FN : 'fn' ;
OBJECTIVE : 'objective' ;
FIT : 'fit' ;
WITH : 'with' ;
USING : 'using' ;
STEPS : 'steps' ;
PARTICLES : 'particles' ;
SEED : 'seed' ;
VAR : 'var' ;
PARAM : 'param' ;
REPORT : 'report' ;
FACTOR : 'factor' ;
PLATE : 'plate' ;
MARGINALIZE : 'marginalize' ;
EXPECT : 'E' ;

REAL
  : DIGIT+ '.' DIGIT+ EXPONENT?
  | DIGIT+ EXPONENT
  | '.' DIGIT+ EXPONENT?
  ;
INT : DIGIT+ ;
fragment DIGIT : [0-9] ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;

ID : [a-zA-Z_] [a-zA-Z0-9_]* ;

SEMI : ';' ;
TILDE : '~' ;
ASSIGN : '=' ;
EQ : '==' ;
NE : '!=' ;
LT : '<' ;
LE : '<=' ;
GT : '>' ;
GE : '>=' ;
AND : '&&' ;
OR : '||' ;
NOT : '!' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
DOTSTAR : '.*' ;
DOTSLASH : './' ;
CARET : '^' ;
QUOTE : '\'' ;
RANGE : '..' ;
DOT : '.' ;
COLON : ':' ;
COMMA : ',' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
AT : '@' ;
ARROW : '->' ;

NL : '\n' ;
WS : [ \t\r\f]+ -> skip ;
LINE_COMMENT : '//' ~[\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
ERROR_CHAR : . ;
