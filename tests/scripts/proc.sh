# proc.sh: procfs as busybox tools read it (issue 4: procfs "in Linux
# formats that tools such as busybox ps, free and top read correctly").
#
# Run as `sh proc.sh` with /proc mounted; stdout (stderr merged) is
# compared with Linux's from `=== BEGIN` to `=== END`.
# Normalizations (legitimate differences between the host and the guest):
# - pids, times, memory sizes and load figures are never printed: only
#   the field layout, the keys, and relations (this pid is that one's parent).
# - ps lists only the children of this shell (the host runs other things).
# - /proc/self/fd: only descriptors below 10 (ash keeps the script open
#   on 10 or above, and a harness may leave higher ones open).
# - /proc/self/exe: only the base name (the host's /bin may be a link to
#   /usr/bin, so the full path is /usr/bin/busybox there).
# - ps USER: "root" is printed as "0": the image has no /etc/passwd, so
#   busybox shows the number there (an image difference, not the kernel's).
# - Only busybox applets are used (pgrep is not one in Debian's build: the
#   host would run procps' pgrep).
# - Lines starting with `only-exo: ` depend on the machine (the host has
#   more CPUs than the 1-CPU QEMU guest): the test removes them before
#   comparing and checks them on Exo-OS alone.
exec 2>&1
# Close inherited descriptors 3 to 9 (a test harness may leave some open),
# so the /proc/self/fd listings below show only this script's.
exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
T=${T:-/tmp/t}
rm -rf "$T"
mkdir -p "$T" || exit 1
cd "$T" || exit 1
echo "=== BEGIN proc"

echo "--- /proc/self"
cat /proc/self/stat | cut -d' ' -f2,3
cut -d' ' -f2,3 /proc/self/stat
[ "$(cut -d' ' -f4 /proc/self/stat)" = "$$" ] && echo "ppid field of a child is \$\$"
[ "$(cut -d' ' -f1 /proc/$$/stat)" = "$$" ] && echo "pid field of /proc/\$\$/stat is \$\$"
awk '{ print NF " fields in stat" }' /proc/self/stat
# The shell is asleep in wait4 or, on a loaded host, not there yet.
awk '{ print $2, ($3 == "S" || $3 == "R") ? "S or R" : $3 }' /proc/$$/stat
cat /proc/self/cmdline | tr '\0' ' '; echo
# The shell's own command line, with this script's path replaced.
tr '\0' '|' < /proc/$$/cmdline | sed "s|$0|SCRIPT|"; echo
grep '^Name:' /proc/self/status
grep '^State:' /proc/self/status
for key in Name State Tgid Pid PPid Uid Gid VmRSS Threads; do
    grep -q "^$key:" /proc/self/status && echo "status has $key"
done
[ "$(awk '/^PPid:/ { print $2 }' /proc/self/status)" = "$$" ] && echo "PPid in status is \$\$"
awk '/^Uid:/ { print $1, $2, $3, $4, $5 }' /proc/self/status
readlink /proc/self/exe | sed 's|.*/||'
[ "$(readlink /proc/self/cwd)" = "$PWD" ] && echo "cwd link is \$PWD"
(cd / && readlink /proc/self/cwd)
lsfd() { ls /proc/self/fd | awk '$1 < 10' | sort -n | tr '\n' ' '; echo; }
lsfd
exec 5< /dev/null 7> "$T/seven"
lsfd
readlink /proc/self/fd/5
readlink /proc/self/fd/7 | sed "s|^$T/||"
exec 5<&- 7>&-
grep -c '\[stack\]' /proc/self/maps
awk '$6 == "[stack]" { print $2 }' /proc/self/maps
grep -q ' r-xp ' /proc/self/maps && echo "maps has an executable mapping"
awk 'NR == 1 { if (NF >= 5) print "maps fields ok"; else print "maps fields short: " $0 }' /proc/self/maps
[ -d /proc/$$ ] && echo "/proc/\$\$ exists"
[ "$(readlink /proc/self)" = "$(sh -c 'readlink /proc/self')" ] && echo "two processes share /proc/self" || echo "/proc/self differs per process"

echo "--- system files"
for key in MemTotal MemFree MemAvailable Buffers Cached SwapTotal SwapFree Shmem; do
    grep -q "^$key: *[0-9][0-9]* kB\$" /proc/meminfo && echo "meminfo has $key"
done
head -n 3 /proc/meminfo | cut -d: -f1
awk 'NF == 2 && $1 ~ /^[0-9]+\.[0-9][0-9]$/ && $2 ~ /^[0-9]+\.[0-9][0-9]$/ { print "uptime format ok" }' /proc/uptime
awk 'NF == 5 && $4 ~ /^[0-9]+\/[0-9]+$/ { print "loadavg format ok" }' /proc/loadavg
[ -s /proc/version ] && echo "version not empty"
awk '$2 == "/proc" { print $1, $2, $3 }' /proc/mounts
awk 'NF != 6 { bad = 1 } END { print bad ? "mounts: a line without 6 fields" : "mounts: 6 fields a line" }' /proc/mounts
grep -q '^processor' /proc/cpuinfo && echo "cpuinfo has processor lines"
grep -q '^model name' /proc/cpuinfo && echo "cpuinfo has model name"
echo "only-exo: processors $(grep -c '^processor' /proc/cpuinfo)"
echo "only-exo: nproc $(nproc)"
head -n 1 /proc/stat | awk '{ print $1, (NF >= 8 ? "8+ fields" : NF " fields") }'

echo "--- free"
free | awk '{ print $1, NF }'
free | awk '$1 == "Mem:" { print ($2 > 0 && $3 > 0 && $4 > 0 && $2 >= $3 && $2 >= $4) ? "Mem sizes plausible" : "Mem sizes odd: " $0 }'
free -m | awk 'NR == 1 { print $1, $2, $3 }'
free -k | awk 'NR == 1 { print NF }'

echo "--- ps"
sleep 30 &
bg=$!
# Wait (a bounded number of steps) until the child has run exec and sleeps.
i=0
while [ $i -lt 2000 ] && [ "$(cut -d' ' -f2,3 /proc/$bg/stat 2>/dev/null)" != "(sleep) S" ]; do i=$((i + 1)); done
cut -d' ' -f2,3 /proc/$bg/stat
tr '\0' ' ' < /proc/$bg/cmdline; echo
ps | head -n 1
ps -o pid,comm | head -n 1
# Only ps and sleep: the other commands of the pipeline may not exist yet.
ps -o pid,ppid,comm | awk -v p=$$ '$2 == p && ($3 == "ps" || $3 == "sleep") { print $3 }' | sort
ps -o pid,ppid,args | awk -v p=$$ -v b=$bg '$1 == b && $2 == p { $1 = ""; $2 = ""; print "args:" $0 }'
# Only this child: the host may run other sleeps of its own.
ps -o pid,user,comm | awk -v b=$bg '$1 == b { print $2, $3 }' | sed 's/^root /0 /'
ps | awk -v b=$bg '$1 == b { print $2, $3, $4 }' | sed 's/^root /0 /'
pidof sleep | tr ' ' '\n' | grep -qx "$bg" && echo "pidof finds the child"
kill $bg
wait $bg; echo "sleep status $?"
[ -d /proc/$bg ] && echo "/proc/$bg still there" || echo "reaped child gone from /proc"

echo "--- top and uptime"
top -b -n 1 | head -n 4 | awk '{ print $1 }' | sed 's/^\x1b\[[0-9;]*[A-Za-z]//g'
top -b -n 1 | awk -v b=$$ '$1 == b { n = split($NF, p, "/"); print "top shows the shell:", p[n] }'
uptime | grep -c 'load average:'

cd /
rm -rf "$T"
echo "=== END proc"
