# shell.sh: busybox ash features (issue 5 acceptance: scripts exercising
# traps, subshells, pipelines, here-documents, read, wait, kill run and
# match their output on Linux).
#
# Run as `sh shell.sh`; stdout (stderr merged) is compared with Linux's
# from `=== BEGIN` to `=== END`. Nothing printed depends on pids, times
# or the environment: pids are only compared with each other.
exec 2>&1
T=${T:-/tmp/t}
rm -rf "$T"
mkdir -p "$T" || exit 1
cd "$T" || exit 1
echo "=== BEGIN shell"

echo "--- traps"
trap 'echo got USR1' USR1
kill -USR1 $$
echo "after USR1"
trap 'echo got USR2; n=$((n + 1))' USR2
n=0
kill -USR2 $$; kill -USR2 $$; kill -s USR2 $$
echo "USR2 count $n"
trap - USR2
trap 'echo got HUP' HUP
kill -HUP $$
trap '' INT
kill -INT $$
echo "INT ignored"
trap - INT
(trap 'echo subshell exit trap' EXIT; echo in subshell)
(trap 'echo TERM in subshell; exit 3' TERM; kill -TERM $(sh -c 'echo $PPID'); echo not reached) ; echo "subshell status $?"
sh -c 'trap "echo child got TERM; exit 7" TERM; kill -TERM $$; echo not reached'; echo "child status $?"
sh -c 'kill -TERM $$; echo not reached'; echo "killed child status $?"
sh -c 'kill -KILL $$'; echo "KILL status $?"
sh -c 'kill -INT $$'; echo "INT status $?"
sh -c 'kill -QUIT $$' 2>/dev/null; echo "QUIT status $?"
sh -c 'kill -SEGV $$' 2>/dev/null; echo "SEGV status $?"
trap 'echo trap on EXIT of child' EXIT
sh -c 'trap "echo inner exit trap" EXIT; exit 4'; echo "status $?"
trap - EXIT
trap -p 2>/dev/null | grep -c . >/dev/null; echo "trap listing ok"
trap 'echo got ALRM' ALRM
( sleep 0; kill -ALRM $$ ) ; wait
echo "after ALRM"
trap - ALRM

echo "--- subshells and substitution"
x=outer
(x=inner; echo "in: $x")
echo "out: $x"
(exit 5); echo "exit status $?"
(cd /; pwd)
pwd | sed "s|^$T\$|T|"
y=$(echo hello; echo world)
echo "$y"
echo "nested: $(echo a$(echo b$(echo c)))"
echo "backquotes: `echo old style`"
z=$(exit 9); echo "subst status $?"
{ echo grouped; echo commands; } | wc -l
echo "count $(printf 'a\nb\nc\n' | wc -l)"
lines=$(printf 'x\n\n\n')
echo "[$lines]"

echo "--- pipelines"
echo hi | wc -c
printf 'c\nb\na\n' | sort | head -n 2 | tr a-z A-Z
seq 1 10 | awk '{ s += $1 } END { print s }'
seq 1 1000 | tail -n 1
yes | head -n 3
true | false; echo "pipe status $?"
false | true; echo "pipe status $?"
! true; echo "negated $?"
echo data | (read v; echo "read in subshell: $v")
echo a b c | { read first rest; echo "first=$first rest=$rest"; }
seq 1 20000 | md5sum
dd if=/dev/zero bs=1024 count=256 2>/dev/null | wc -c
cat /dev/null | wc -c
echo x | cat | cat | cat | cat | cat | cat | cat | cat

echo "--- here-documents"
cat <<END
plain $x
  indented
END
cat <<'END'
quoted $x $(not run)
END
cat <<-END
	tabs stripped
	END
v=42
cat <<END | tr 0-9 a-j
value $v and $((v * 2))
END
wc -l <<END
1
2
3
END
read a b <<END
first second third
END
echo "a=$a b=$b"
while read line; do echo "got: $line"; done <<END
one
two words
  three
END
IFS=: read -r p q r <<'END'
x:y\z:w
END
echo "p=$p q=$q r=$r"
cat <<END > heredoc.out
into a file
END
cat heredoc.out

echo "--- read from a pipe and a file"
printf 'l1\nl2\nl3\n' | while read l; do echo "pipe $l"; done
printf 'k=v\nk2=v2\n' > kv
while IFS== read k val; do echo "$k -> $val"; done < kv
exec 3< kv
read -r one <&3; read -r two <&3
exec 3<&-
echo "fd3: $one $two"
printf 'no newline' | { read -r nl; echo "status $? [$nl]"; }
read -r nothing < /dev/null; echo "eof status $?"
printf 'abc' | { read -n 2 c2; echo "n2=[$c2]"; }

echo "--- background jobs and wait"
sleep 0 &
wait $!; echo "wait status $?"
(exit 3) &
p3=$!
(exit 4) &
p4=$!
wait $p4; echo "p4 status $?"
wait $p3; echo "p3 status $?"
for i in 1 2 3; do (echo "bg $i" > bg.$i) & done
wait
cat bg.1 bg.2 bg.3
sleep 10 &
s=$!
kill -TERM $s
wait $s; echo "killed TERM status $?"
sleep 10 &
s=$!
kill -KILL $s
wait $s; echo "killed KILL status $?"
sleep 10 &
s=$!
kill $s
wait $s; echo "killed default status $?"
# Not tested: SIGINT to a background job. A non-interactive ash makes its
# background children ignore SIGINT and SIGQUIT, and whether the signal
# comes before or after that is a race on Linux too.
kill -0 $$ && echo "kill -0 self ok"
sh -c 'exit 0' & s=$!; wait $s
kill -0 $s 2>/dev/null; echo "kill -0 reaped: $?"
kill -TERM 999999 2>/dev/null; echo "kill no such pid: $?"
wait; echo "wait with no jobs: $?"
bgpid=$(sh -c 'echo $$' & wait)
[ -n "$bgpid" ] && echo "child printed a pid"
[ "$(sh -c 'echo $PPID')" = "$$" ] && echo "PPID of a child is \$\$"
( [ "$(sh -c 'echo $PPID')" != "$$" ] ) && echo "a subshell's child has another parent"

echo "--- functions"
f() { echo "f called with $# args: $*"; return 3; }
f a b c; echo "f status $?"
g() { local v=local; echo "g: $v"; }
v=global; g; echo "after g: $v"
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(($1 * $(fact $(($1 - 1))))); fi; }
echo "fact 10 = $(fact 10)"
h() { shift; echo "shifted: $@"; }
h 1 2 3
cnt() { echo $#; }
cnt "a b" c; cnt ""; cnt
set -- x "y z"
for a in "$@"; do echo "arg [$a]"; done
for a in $*; do echo "word [$a]"; done

echo "--- case"
for w in apple banana cherry 42 '' x.txt; do
    case $w in
        a*) echo "$w: starts with a" ;;
        *an*) echo "$w: has an" ;;
        [0-9]*) echo "$w: number" ;;
        *.txt) echo "$w: text" ;;
        '') echo "empty" ;;
        *) echo "$w: other" ;;
    esac
done

echo "--- loops"
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo "while $i"; done
i=0; until [ $i -ge 3 ]; do echo "until $i"; i=$((i + 1)); done
for i in 1 2; do for j in a b c; do [ $j = c ] && continue 2; echo "$i$j"; done; done
for f in $(seq 3); do printf '%s ' $f; done; echo

echo "--- arithmetic"
echo $((1 + 2 * 3)) $((10 / 3)) $((10 % 3)) $((-7 / 2)) $((2 ** 10))
echo $((1 << 4)) $((0xff)) $((010)) $((~0)) $((5 > 3)) $((3 == 4))
echo $(( (1 + 2) * (3 + 4) )) $((9223372036854775807 + 1))
a=5; a=$((a += 3)); echo $a; : $((a++)); echo $a
echo $((a > 5 ? 100 : 200))
x=3; y=4; echo $((x * x + y * y))

echo "--- set -e and exit codes"
(set -e; echo before; false; echo not reached); echo "set -e status $?"
(set -e; false || true; echo "|| keeps going")
(set -e; if false; then :; fi; echo "if keeps going")
(set -e; ! true; echo "! keeps going")
(set -e; x=$(false); echo not reached); echo "assignment status $?"
sh -c 'exit 42'; echo "exit $?"
sh -c 'exit 300'; echo "exit 300 -> $?"
sh -c 'false'; echo "false $?"
nosuchcommand 2>/dev/null; echo "not found $?"
./heredoc.out 2>/dev/null; echo "not executable $?"
sh -c 'set -u; echo $unset_var' 2>/dev/null; echo "set -u $?"
(set -o pipefail 2>/dev/null && false | true; echo "pipefail $?")
true && echo "and" || echo "or"
false && echo "and" || echo "or"
sh -c 'echo $0 $1 $2' zero one two
sh -c 'echo $#' a b c d

echo "--- printf"
printf '%s|%5s|%-5s|%d|%05d|%x|%o|%c\n' str ab cd 42 42 255 8 xyz
printf '%s\n' a b c
printf '%.2f %e %g\n' 3.14159 12345.678 0.0001
printf '%%|%b|\n' 'tab\there'
printf 'no newline'; echo
printf '%3d|%-3d|%+d\n' 7 7 7
printf '\101\102\n'

echo "--- strings and expansion"
s="Hello, World"
echo "${#s} ${s%,*} ${s#*, } ${s%%o*} ${s##*o}"
echo "${unset:-default} ${unset-dash} ${s:+set}"
echo "${s:0:5} ${s:7}"
: ${assigned:=now}; echo "$assigned"
f=path/to/file.tar.gz; echo "${f##*/} ${f%%.*} ${f%/*}"
echo "${s/World/There} ${s//l/L}"
set -- $(echo "one two three"); echo "$2"
IFS=,; set -- $(echo "a,b,c"); IFS=' '; echo "$# $3"
echo ~ | grep -c / >/dev/null && echo "tilde expands"
echo a{b,c}d
echo "$(( $(echo 6) * 7 ))"
test -z "" && [ -n x ] && [ 3 -gt 2 ] && [ abc != abd ] && echo "tests pass"
[ 2 -lt 1 ]; echo "test false $?"
eval 'e=evaluated'; echo "$e"
cmd='echo via variable'; $cmd
type echo | sed 's/ *$//'
command -v sh >/dev/null && echo "command -v finds sh"

cd /
rm -rf "$T"
echo "=== END shell"
