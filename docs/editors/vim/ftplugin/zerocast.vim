" ftplugin/zerocast.vim - comment settings and indentation for zerocast
" schemas (C-like: // and /* */ comments, four-space indent in the bundled
" schemas).
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal formatoptions-=t formatoptions+=croql
setlocal cindent expandtab shiftwidth=4 softtabstop=4
setlocal suffixesadd=.zc

let b:undo_ftplugin = "setlocal commentstring< comments< formatoptions< cindent< expandtab< shiftwidth< softtabstop< suffixesadd<"
