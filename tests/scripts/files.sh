# files.sh: busybox file utilities on a small tree (issue 4 acceptance:
# ls -l, cp -r, mv, rm -r, find, grep -r, wc, sort, df... give the same
# output under Exo-OS as on Linux for the same files).
#
# Run as `sh files.sh`; stdout (with stderr merged) is compared line by line
# between Linux and Exo-OS, from `=== BEGIN` to `=== END`.
# The working directory is $T (default /tmp/t), created fresh; only
# relative paths are printed, so the location does not matter.
#
# Normalizations, each a legitimate environment difference:
# - ls: `ls -ln` then awk drops the date/time columns (mtimes differ) and
#   prints the size as "-" for directories (a directory's size depends on
#   the file system: 4096 on ext4, a count of entries on tmpfs). The owner
#   columns are kept numeric (both runs are as root: uid 0, gid 0).
#   Directory link counts (2 + subdirectories) are kept: tmpfs on Linux
#   keeps them so.
#   For the same reason `find -size` is only asked about files.
# - Only busybox applets are used (busybox sh runs its own applet first; a
#   command that is not one, such as cksum, would run the host's program).
# - du: block counts depend on the file system; not printed.
# - df: only the header, the field count of the row for `.` and whether
#   its mount point is a prefix of the working directory.
exec 2>&1
T=${T:-/tmp/t}
rm -rf "$T"
mkdir -p "$T" || exit 1
cd "$T" || exit 1
umask 022
echo "=== BEGIN files"

lsn() {
    # perms links uid gid size-or-"-" name [-> target]
    ls -ln "$@" | awk '
        /^total/ { next }
        {
            size = (substr($1, 1, 1) == "d") ? "-" : $5
            line = $1 " " $2 " " $3 " " $4 " " size
            for (i = 9; i <= NF; i++) line = line " " $i
            print line
        }'
}

echo "--- mkdir -p and files"
mkdir -p a/b/c a/d e
printf 'alpha\nbeta\ngamma\n' > a/one.txt
printf 'delta\nepsilon\nalpha beta\n' > a/b/two.txt
printf 'zeta\n' > a/b/c/three.txt
printf 'pear\napple\nfig\napple\nbanana\npear\npear\n' > a/d/fruit
printf '' > a/empty
printf 'no newline at end' > e/nonl
i=0
while [ $i -lt 200 ]; do echo "line $i of the long file"; i=$((i + 1)); done > e/long
echo "rc=$?"

echo "--- ls"
ls
ls a
ls -a a
ls -1 a/b
ls -R a
ls -F a
lsn a
lsn -d a a/b e

echo "--- find"
find . | sort
find . -type f | sort
find . -type d | sort
find . -name '*.txt' | sort
find a -maxdepth 1 | sort
find . -empty | sort
find . -type f -size +1k | sort

echo "--- cat head tail"
cat a/one.txt a/b/c/three.txt
cat e/nonl; echo "<"
head -n 3 e/long
tail -n 2 e/long
head -c 10 e/long; echo "<"
tail -c 12 e/long
tail -n +199 e/long
cat -n a/one.txt

echo "--- wc"
wc a/one.txt
wc -l e/long
wc -c e/nonl
wc -w a/b/two.txt
wc a/one.txt a/b/two.txt a/empty
cat e/long | wc -l

echo "--- sort uniq"
sort a/d/fruit
sort -r a/d/fruit
sort -u a/d/fruit
sort a/d/fruit | uniq
sort a/d/fruit | uniq -c
sort a/d/fruit | uniq -d
printf '10\n9\n100\n1\n' | sort -n
printf 'b 2\na 3\nc 1\n' | sort -k2 -n

echo "--- grep"
grep alpha a/one.txt
grep -r alpha . | sort
grep -rl alpha . | sort
grep -rn beta a | sort
grep -c line e/long
grep -v a a/d/fruit
grep -i ALPHA a/one.txt
grep -q nothing a/one.txt; echo "grep -q rc=$?"
grep nothing /nonexistent; echo "grep missing rc=$?"

echo "--- cp"
cp a/one.txt a/one.copy
cmp a/one.txt a/one.copy && echo same
cp -r a acopy
find acopy | sort
diff -r a acopy && echo "diff -r: same"
cp -r a acopy
find acopy -maxdepth 1 | sort
cp e/long e/long2
cmp e/long e/long2; echo "cmp rc=$?"
echo changed >> e/long2
cmp e/long e/long2; echo "cmp rc=$?"
cmp a/one.txt a/b/two.txt; echo "cmp rc=$?"

echo "--- mv"
mv a/one.copy a/moved
ls a
mv a/moved e/
ls a e
mv e/moved e/renamed
cat e/renamed
mv acopy/b bmoved
find bmoved acopy | sort
lsn -d bmoved bmoved/c acopy
mv acopy/d acopy/d2
lsn -d acopy/d2
echo new > x; echo old > y
mv x y; cat y; ls x 2>/dev/null || echo "x is gone"
mkdir emptydir
mv acopy/d2 emptydir; echo "mv onto a directory rc=$?"
find emptydir | sort
mkdir -p p/q/r; mkdir s
mv -T p s; echo "mv -T over an empty directory rc=$?"
find s | sort
mv s s/q 2>/dev/null; echo "mv into itself rc=$?"
rm -r emptydir s y
mv a/nothing x; echo "mv missing rc=$?"

echo "--- rm"
rm e/renamed
ls e
rm -r bmoved
ls
rm -rf acopy
ls
rm a/nothing; echo "rm missing rc=$?"
rm -f a/nothing; echo "rm -f missing rc=$?"
rmdir a; echo "rmdir nonempty rc=$?"
mkdir gone; rmdir gone; echo "rmdir rc=$?"

echo "--- ln readlink"
ln -s one.txt a/link1
ln -s ../e/long a/link2
ln -s missing a/dangling
ln a/one.txt a/hard
readlink a/link1
readlink a/link2
readlink a/dangling
readlink -f a/link1 | sed "s|^$PWD/||"
cat a/link1
head -n 1 a/link2
cat a/dangling; echo "cat dangling rc=$?"
lsn a
lsn -L a/link1
echo more >> a/hard
cat a/one.txt
rm a/hard
lsn a/one.txt

echo "--- stat"
stat -c '%s %F %a %h %n' a/one.txt a/link1 a/empty e/long
# A directory's size is file-system specific (see the top): not printed.
stat -c '%F %a %h %n' a/b
stat -L -c '%s %F %a %n' a/link1
stat -c '%N' a/link1
stat nonexistent 2>/dev/null; echo "stat missing rc=$?"

echo "--- touch chmod"
touch newfile
lsn newfile
touch a/one.txt
chmod 600 newfile; lsn newfile
chmod 755 newfile; lsn newfile
chmod u-x,g+w,o= newfile; lsn newfile
chmod 4755 newfile; lsn newfile
chmod 1777 e; lsn -d e
chmod 755 e
chmod -R go-rx a/b; lsn -d a/b a/b/c; lsn a/b
chmod -R 755 a/b
mkdir -m 700 private; lsn -d private
umask 077; touch masked; mkdir maskdir; lsn -d masked maskdir; umask 022
[ -x newfile ] && echo "newfile executable"
[ -d e ] && echo "e is a directory"
[ -L a/link1 ] && echo "a/link1 is a link"
[ -s a/empty ] || echo "a/empty is empty"
[ a/one.txt -ef a/link1 ] && echo "same file through the link"

echo "--- sizes"
dd if=/dev/zero of=zero bs=1024 count=100 2>/dev/null
stat -c '%s' zero
printf 'x' | dd of=sparse bs=1 seek=65535 2>/dev/null
stat -c '%s' sparse
od -An -c -j 65534 sparse
truncate -s 10 zero
stat -c '%s' zero
truncate -s 0 zero
stat -c '%s' zero
md5sum e/long a/one.txt

echo "--- tar"
rm a/dangling
tar -cf ../t.tar a e 2>&1
mkdir untar
tar -xf ../t.tar -C untar
diff -r a untar/a && echo "tar round trip: same"
tar -tf ../t.tar | sort
rm ../t.tar

echo "--- misc"
basename "$PWD/a/one.txt"
dirname a/b/two.txt
realpath a/b/../one.txt | sed "s|^$PWD/||"
cd a/b && pwd | sed "s|^$T|T|" && cd ../..
ls -d */ | sort
echo a/*.txt
echo a/b/*/*

echo "--- nested symlinks (40 followed: fine; 41: ELOOP)"
mkdir -p nest/d && touch nest/d/f && ln -s d nest/l0
i=1
while [ $i -le 41 ]; do ln -s "l$((i - 1))/." "nest/l$i"; i=$((i + 1)); done
ls nest/l39/
ls nest/l40/ 2>&1 | sed 's/^ls: //'
cat nest/l40/f 2>&1 | sed 's/^cat: //'
rm -r nest

echo "--- permissions and owners"
mkdir -m 0750 perm && touch perm/f && chmod 4755 perm/f && chown 1000:100 perm/f
ls -ln perm | awk 'NR > 1 { print $1, $2, $3, $4, $NF }'
chown 0:0 perm/f
ls -ln perm | awk 'NR > 1 { print $1, $3, $4, $NF }'
chmod g+s perm && mkdir perm/sub && ls -lnd perm/sub | awk '{ print $1 }'
stat -c '%a %u %g %F' perm perm/f
rm -r perm

echo "--- df"
df -P . | head -n 1
df -P . | awk 'NR == 2 { print NF " fields"; if (index("'"$PWD"'/", ($6 == "/" ? "/" : $6 "/")) == 1) print "mount point prefixes cwd" }'

cd /
rm -rf "$T"
echo "=== END files"
