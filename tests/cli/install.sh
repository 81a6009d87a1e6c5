# make install and make uninstall, with PREFIX and DESTDIR: the binary, every manual page and
# the completion scripts, with their modes, and nothing left behind by make uninstall.
. tests/cli/lib.sh

# The binary under test is copied into a build folder of this test's own and taken as built
# (make -o): make install neither rebuilds it, with other flags, nor writes into the build
# folder it came from.
BUILD=$TMP/build
mkdir -p "$BUILD"
cp "$TIP" "$BUILD/tip"
# Not the flags (or the jobserver) of a make check that runs this test.
unset MAKEFLAGS MFLAGS MAKELEVEL

make_install() {
	make --no-print-directory -C "$SOURCE_ROOT" -o "$BUILD/tip" BUILD="$BUILD" "$@" \
		>"$TMP/out" 2>"$TMP/err"
	status=$?
}

# installed ROOT: the files under ROOT with their modes, one a line.
installed() {
	(cd "$1" && find . ! -type d -exec stat -c '%a %n' {} + | sort -k 2)
}

DEST=$TMP/dest
make_install install DESTDIR="$DEST" PREFIX=/usr
expect "make install DESTDIR=... PREFIX=/usr" 0
installed "$DEST" >"$TMP/out"
expect "the binary, every manual page and both completion scripts, with their modes" 0 \
	"$(cat <<'EOF'
755 ./usr/bin/tip
644 ./usr/share/bash-completion/completions/tip
644 ./usr/share/man/man1/tip.1
644 ./usr/share/man/man5/tip-schema.5
644 ./usr/share/zsh/site-functions/_tip
EOF
)"

"$TIP" --version >"$TMP/version"
$TIP_WRAPPER "$DEST/usr/bin/tip" --version >"$TMP/out" 2>"$TMP/err"
status=$?
expect "the installed tip runs" 0 "$(cat "$TMP/version")"
check "the installed page is cmd/tip.1" cmp "$SOURCE_ROOT/cmd/tip.1" \
	"$DEST/usr/share/man/man1/tip.1"
check "the installed tip-schema(5) is cmd/tip-schema.5" cmp "$SOURCE_ROOT/cmd/tip-schema.5" \
	"$DEST/usr/share/man/man5/tip-schema.5"
tip completion bash
check "the bash script is tip completion bash's" cmp "$TMP/out" \
	"$DEST/usr/share/bash-completion/completions/tip"
tip completion zsh
check "the zsh script is tip completion zsh's" cmp "$TMP/out" \
	"$DEST/usr/share/zsh/site-functions/_tip"
bash --norc --noprofile -c '. "$1" && complete -p tip' sh \
	"$DEST/usr/share/bash-completion/completions/tip" >"$TMP/out" 2>"$TMP/err"
status=$?
expect "bash loads the installed script" 0 "complete -F _tip tip"

if command -v man >/dev/null 2>&1; then
	MANPAGER=cat PAGER=cat MANWIDTH=80 man -l "$DEST/usr/share/man/man1/tip.1" \
		>"$TMP/out" 2>"$TMP/err"
	status=$?
	if [ "$status" -eq 0 ] && grep -q '^ *tip completion bash|zsh$' "$TMP/out" &&
		[ ! -s "$TMP/err" ]; then
		ok "man -l reads the installed page"
	else
		head -n 5 "$TMP/out" >"$TMP/start" && mv "$TMP/start" "$TMP/out"
		not_ok "man -l reads the installed page" "(the start of the page only)"
	fi
else
	ok "man -l reads the installed page # SKIP man is not installed"
fi

make_install uninstall DESTDIR="$DEST" PREFIX=/usr
expect "make uninstall" 0
installed "$DEST" >"$TMP/out"
expect "make uninstall leaves no file behind" 0 ""

make_install install DESTDIR="$TMP/default"
expect "make install without PREFIX" 0
installed "$TMP/default" | awk '{ print $2 }' >"$TMP/out"
expect "PREFIX is /usr/local by default" 0 "$(cat <<'EOF'
./usr/local/bin/tip
./usr/local/share/bash-completion/completions/tip
./usr/local/share/man/man1/tip.1
./usr/local/share/man/man5/tip-schema.5
./usr/local/share/zsh/site-functions/_tip
EOF
)"

done_testing
