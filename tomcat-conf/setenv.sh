#!/bin/sh
# Recommended JVM settings for Tomcat running Wikifarm. Copy to $CATALINA_BASE/bin/setenv.sh (see docs/deploy.md).

# Heap: 1 GB serves a few thousand active wikis; raise it with the open-wiki cap and the search index sizes.
CATALINA_OPTS="$CATALINA_OPTS -Xms512m -Xmx1g"
# Throughput with short pauses; the page and API traffic is many small requests.
CATALINA_OPTS="$CATALINA_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=100"
# UTF-8 everywhere, whatever the system locale says; UTC timestamps in logs.
CATALINA_OPTS="$CATALINA_OPTS -Dfile.encoding=UTF-8 -Duser.timezone=UTC"
# Never let a library phone home (the embedding tokenizer otherwise tries to).
CATALINA_OPTS="$CATALINA_OPTS -Dai.djl.offline=true"
export OPT_OUT_TRACKING=true
# At most two malloc arenas. glibc gives each new thread an arena of its own (up to 8 per core) and keeps memory freed
# there; the embedding model, loaded on a new thread at every deploy, leaves some 50 MB in each, so without this the
# process grows by that much per redeploy until the arenas run out (docs/stack.md).
export MALLOC_ARENA_MAX=2

# Each open wiki holds ~3 file descriptors; keep the limit well above 3 x wikifarm.openWikiCap.
ulimit -n 65536 2>/dev/null || true

# Settings can also come from the environment (they override the context descriptor):
# export WIKIFARM_DATA_DIR=/var/lib/wikifarm
export CATALINA_OPTS
