#!/usr/bin/env bash
# Starts Hawtio 4 (io.hawt:hawtio-war on Jetty 12, both from Maven Central) on 127.0.0.1 so it
# can watch a running Chief. Open http://127.0.0.1:${HAWTIO_PORT:-8090}/hawtio/, Connect > Remote >
# Add connection: http, host 127.0.0.1, port 8080 (CHIEF_MANAGEMENT_PORT), path /observe/jolokia;
# connect (log in with Chief's chief.management.user if set), then the Camel tab.
# Environment: HAWTIO_PORT (8090), HAWTIO_HOST (127.0.0.1), HAWTIO_HOME (target/hawtio).
set -euo pipefail
cd "$(dirname "$0")/.."
HAWTIO_VERSION=4.2.0
JETTY_VERSION=12.0.31
PORT=${HAWTIO_PORT:-8090}
HOST=${HAWTIO_HOST:-127.0.0.1}
HOME_DIR=${HAWTIO_HOME:-target/hawtio}
mkdir -p "$HOME_DIR"
HOME_DIR=$(cd "$HOME_DIR" && pwd)

# both from Maven Central (mvn verify puts them in target/hawtio already)
fetch() { [ -f "$HOME_DIR/$2" ] || mvn -q -B dependency:copy -Dartifact="$1" -DoutputDirectory="$HOME_DIR"; }
fetch org.eclipse.jetty:jetty-home:$JETTY_VERSION:tar.gz jetty-home-$JETTY_VERSION.tar.gz
fetch io.hawt:hawtio-war:$HAWTIO_VERSION:war hawtio-war-$HAWTIO_VERSION.war
if [ ! -d "$HOME_DIR/jetty-home-$JETTY_VERSION" ]; then
  tar -xzf "$HOME_DIR/jetty-home-$JETTY_VERSION.tar.gz" -C "$HOME_DIR"
fi
if [ ! -f "$HOME_DIR/base/webapps/hawtio.war" ]; then
  mkdir -p "$HOME_DIR/base/webapps"
  (cd "$HOME_DIR/base" && java -jar "$HOME_DIR/jetty-home-$JETTY_VERSION/start.jar" --add-modules=http,ee10-deploy >/dev/null)
  cp "$HOME_DIR/hawtio-war-$HAWTIO_VERSION.war" "$HOME_DIR/base/webapps/hawtio.war"
fi

cd "$HOME_DIR/base"
exec java \
  -Dhawtio.authenticationEnabled=false \
  -Dhawtio.proxyAllowlist=localhost,127.0.0.1 \
  -Dhawtio.localAddressProbing=false \
  -jar "$HOME_DIR/jetty-home-$JETTY_VERSION/start.jar" \
  jetty.http.host="$HOST" jetty.http.port="$PORT"
