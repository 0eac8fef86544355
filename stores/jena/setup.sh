#!/usr/bin/env bash
# Prepare the Apache Jena endpoint of the live-store tests (stores/jena/JenaEndpoint.java) from
# Debian's packages: libapache-jena-java (Jena 4.5: ARQ, the engine Fuseki runs queries on) and a
# JDK to compile the endpoint. Called by `make stores`; writes only under $1 (.cache/stores/jena).
#   classpath  the jars of libapache-jena-java and of every Java package it depends on, one line
#   fix/       Debian's jena-core renames its bundled Xerces classes to `xerces.*` but leaves their
#              message files under `org/apache/jena/ext/xerces/`: without a copy at the new path,
#              Jena's first use of an XSD datatype fails ("internal error"). This is that copy.
#   classes/   the compiled endpoint
# On failure it writes why to $1.failed and exits 0, so the tests can say why they skip or fail.
set -uo pipefail
out=${1:?usage: setup.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
rm -f "$out.failed"
fail() { echo "$1" > "$out.failed"; echo "warning: the Jena endpoint is not ready: $1"; exit 0; }

missing=""
[ -f /usr/share/java/jena-arq.jar ] || missing="$missing libapache-jena-java"
command -v javac >/dev/null 2>&1 || missing="$missing default-jdk-headless"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null) \
      || fail "apt-get could not install$missing"
  else
    fail "missing$missing (apt-get install$missing)"
  fi
fi

mkdir -p "$out"
packages=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
             --no-replaces --no-enhances libapache-jena-java | grep -v '^ ' | grep -- '-java$' | sort -u)
# Every jar those packages install, less the SLF4J bindings but the silent one (one binding only).
for p in $packages; do dpkg -L "$p" 2>/dev/null; done | grep '^/usr/share/java/[^/]*\.jar$' \
  | grep -v -E '/slf4j-(jcl|jdk14|log4j12|simple|migrator|ext|reload4j)[-.]' | sort -u | paste -sd: \
  > "$out/classpath" || fail "could not list the jars of libapache-jena-java"
[ -s "$out/classpath" ] || fail "libapache-jena-java installed no jars"

python3 - "$out/fix" <<'PY' || fail "could not copy Jena's Xerces messages"
import sys, zipfile, pathlib
target = pathlib.Path(sys.argv[1])
prefix = "org/apache/jena/ext/xerces/"
with zipfile.ZipFile("/usr/share/java/jena-core.jar") as jar:
    for name in jar.namelist():
        if name.startswith(prefix) and name.endswith(".properties"):
            path = target / "xerces" / name[len(prefix):]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(jar.read(name))
PY

rm -rf "$out/classes"
javac -nowarn -cp "$(cat "$out/classpath")" -d "$out/classes" "$here/JenaEndpoint.java" > "$out.log" 2>&1 \
  || fail "javac could not compile JenaEndpoint.java: $(head -1 "$out.log")"
