#!/usr/bin/env bash
# The root filesystem every clayflow image is built on when no base image can be pulled (`mvn -Pimages package`
# uses Jib's "scratch" base plus this directory): a Java runtime made by jlink from the JDK running the build, at
# /opt/java/openjdk (where eclipse-temurin keeps its own), the shared libraries it and the apps' native code (RocksDB,
# DuckDB) load, copied from this machine, a passwd/group naming the unprivileged user 10001, /tmp, and the state
# directory. Usage: make-rootfs.sh <output dir> [java home]. Idempotent: does nothing when <output dir>/.complete exists.
set -euo pipefail
OUT="$1"
JAVA_HOME="${2:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -f "$OUT/.complete" ] && exit 0
rm -rf "$OUT"
mkdir -p "$OUT/opt/java" "$OUT/etc" "$OUT/tmp" "$OUT/var/lib/clayflow/state" "$OUT/home/clayflow"

# Every module the apps, Kafka's clients, Connect and their libraries use (SASL/SCRAM, Kerberos, JMX, HTTP client,
# JDBC, XML, JFR, EC and PKCS#11 crypto, DNS naming), without debug symbols, man pages or headers.
MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management
MODULES=$MODULES,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss
MODULES=$MODULES,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.cryptoki,jdk.crypto.ec
MODULES=$MODULES,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported
MODULES=$MODULES,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.httpserver
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$OUT/opt/java/openjdk"

# Debian's JDK links its cacerts to /etc/ssl/certs/java/cacerts: copy the file itself, so HTTPS (Clay, HubSpot, a
# registry over TLS) trusts the usual CAs.
CACERTS="$OUT/opt/java/openjdk/lib/security/cacerts"
if [ -L "$CACERTS" ] || [ ! -s "$CACERTS" ]; then
  rm -f "$CACERTS"
  cp -L "$JAVA_HOME/lib/security/cacerts" "$CACERTS"
fi

# The shared libraries the runtime's binaries load (ldd), and C++'s for RocksDB and DuckDB, at their own paths; not
# those of the AWT/sound/font libraries java.desktop brings (headless services never load them: no X11 in the image).
GUI_ONLY='libawt_xawt|libsplashscreen|libfontmanager|libjsound|liblcms|libjavajpeg|libmlib_image|libjawt|libawt\.so'
rm -f "$OUT/opt/java/openjdk/lib/"{libawt_xawt,libsplashscreen,libjawt}.so
copy_lib() {
  local lib="$1"
  [ -e "$OUT$lib" ] && return 0
  mkdir -p "$OUT$(dirname "$lib")"
  cp -L "$lib" "$OUT$lib"
}
while read -r lib; do
  copy_lib "$lib"
done < <( { find "$OUT/opt/java/openjdk" -name '*.so' -print | grep -Ev "$GUI_ONLY"; echo "$OUT/opt/java/openjdk/bin/java"; } \
  | xargs ldd 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | grep -v "^$OUT" | sort -u)
for name in libstdc++.so.6 libgcc_s.so.1; do
  copy_lib "$(ldconfig -p | grep -m1 "$name (libc6,x86-64)" | sed 's/.*=> //')"
done

printf 'root:x:0:0:root:/root:/sbin/nologin\nclayflow:x:10001:10001:clayflow:/home/clayflow:/sbin/nologin\n' \
  > "$OUT/etc/passwd"
printf 'root:x:0:\nclayflow:x:10001:\n' > "$OUT/etc/group"
touch "$OUT/.complete"
echo "Image root filesystem in $OUT ($(du -sh "$OUT" | cut -f1))"
