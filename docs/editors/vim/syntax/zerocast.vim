" Vim syntax file
" Language:    zerocast packet schema (*.zc)
" Reference:   docs/schema-language.md, zerocast-schema(5)
"
" Install: copy (or symlink) the ftdetect/, ftplugin/ and syntax/
" directories into ~/.vim/ (Neovim: ~/.config/nvim/), or add this directory
" to 'runtimepath':  set runtimepath+=/path/to/zerocast/docs/editors/vim

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" Keywords
syn keyword zcInclude     import
syn keyword zcStructure   struct enum bits stack
syn keyword zcConditional if switch case default
syn keyword zcStorage     extern
syn keyword zcKeyword     by limit
" Padding (issue 18): u8 pad[align: 4], u8 pad[align_except_last: 4]
syn keyword zcKeyword     align align_except_last

syn keyword zcKeyword     until
syn match   zcKeyword     ",\s*\zsmax\>"
" @size(e): a nested struct in exactly e bytes
syn match   zcKeyword     "@\s*size\>"
syn keyword zcStorage     const
syn keyword zcStructure   trailer
syn keyword zcKeyword     remaining

" Types: wire integers with a byte order, u1..u64 bit fields and bytes.
syn keyword zcWireType    be16 be32 be64 le16 le32 le64
syn keyword zcVarintType  quic_varint leb128
syn keyword zcWireType    ibe16 ibe32 ibe64 ile16 ile32 ile64
syn match   zcBitType     "\<u\%([1-9]\|[1-5]\d\|6[0-4]\)\>"
" Signed: i8 and bit fields i2..i64.
syn match   zcBitType     "\<i\%([2-9]\|[1-5]\d\|6[0-4]\)\>"
" @lsb_first after a struct's or a bits group's name.
syn match   zcAttribute   "@lsb_first\>"

" The name being declared after struct / enum / bits / stack / extern / const [type].
syn match   zcDeclName    "\%(\<\%(struct\|enum\|bits\|stack\|extern\)\s\+\)\@<=\h\w*"
syn match   zcDeclName    "\%(\<const\s\+\%(\h\w*\s\+\)\=\)\@<=\h\w*\ze\s*="

" Numbers: decimal, hexadecimal, binary. A malformed one is an error.
syn match   zcNumberError "\<\d\w*\>"
syn match   zcNumber      "\<\d\+\>"
syn match   zcNumber      "\<0[xX]\x\+\>"
syn match   zcNumber      "\<0[bB][01]\+\>"

" Strings: import paths (no escapes) and byte strings in constraints
" ("MQTT", "a\x00" with C escapes; x"ff ff" hex bytes).
syn region  zcString      start=+"+ skip=+\\\\\|\\"+ end=+"+ oneline contains=zcEscape
syn match   zcEscape      contained +\\\%(x\x\x\|[\\"'nrt0]\)+
syn region  zcString      start=+\<x"+ end=+"+ oneline

" Names starting with zc_ are reserved for the runtime.
syn match   zcReserved    "\<[zZ][cC]_\w*"

" ENUM.MEMBER in expressions.
syn match   zcMember      "\%(\h\w*\.\)\@<=\h\w*"

" Operators.
syn match   zcOperator    "||\|&&\|[=!<>]=\|<<\|>>\|[<>!+\-*/%&|^~]"

" Attributes: @checksum(...), @head (issue #18 item 13).
syn match   zcAttribute   "@\h\w*"

" Parameters of a struct (issue #18 item 3): `struct S(u8 asn_size)`; the
" name is highlighted by zcDeclName, the types by zcBitType.

" Comments.
syn keyword zcTodo        contained TODO FIXME XXX NOTE
syn match   zcLineComment "//.*$" contains=zcTodo,@Spell
syn region  zcBlockComment start="/\*" end="\*/" contains=zcTodo,@Spell
syn match   zcCommentError "\*/"

hi def link zcInclude      Include
hi def link zcStructure    Structure
hi def link zcStorage      StorageClass
hi def link zcConditional  Conditional
hi def link zcKeyword      Keyword
hi def link zcEscape       SpecialChar
hi def link zcWireType     Type
hi def link zcAttribute    PreProc
hi def link zcBitType      Type
hi def link zcVarintType   Type
hi def link zcDeclName     Function
hi def link zcNumber       Number
hi def link zcNumberError  Error
hi def link zcString       String
hi def link zcReserved     Error
hi def link zcMember       Constant
hi def link zcOperator     Operator
hi def link zcAttribute    PreProc
hi def link zcTodo         Todo
hi def link zcLineComment  Comment
hi def link zcBlockComment Comment
hi def link zcCommentError Error

let b:current_syntax = "zerocast"

let &cpo = s:cpo_save
unlet s:cpo_save
