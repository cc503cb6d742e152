#!/usr/bin/env bash
# Starts Hawtio 4 (io.hawt:hawtio-war on Jetty 12, both from Maven Central) on 127.0.0.1 already
# pointed at a running Chief, and prints the URL to open: it lands on Hawtio's Camel view of Chief
# (log in with Chief's chief.management.user when one is set). Hawtio 4.2 has no server-side preset
# connections; it keeps them in the browser's localStorage, so the printed page (served by the same
# Jetty, hence the same origin) saves the "chief" connection there and opens /hawtio/camel?con=chief.
# Environment: HAWTIO_PORT (8090), HAWTIO_HOST (127.0.0.1), HAWTIO_HOME (target/hawtio);
# CHIEF_MANAGEMENT_HOST (127.0.0.1) and CHIEF_MANAGEMENT_PORT (8080), as given to Chief. Chief's Jolokia answers
# only pages of chief.management.allowed-origins: another HAWTIO_PORT/HOST must be added there.
set -euo pipefail
cd "$(dirname "$0")/.."
HAWTIO_VERSION=4.2.0
JETTY_VERSION=12.0.31
PORT=${HAWTIO_PORT:-8090}
HOST=${HAWTIO_HOST:-127.0.0.1}
HOME_DIR=${HAWTIO_HOME:-target/hawtio}
CHIEF_HOST=${CHIEF_MANAGEMENT_HOST:-127.0.0.1}
CHIEF_PORT=${CHIEF_MANAGEMENT_PORT:-8080}
JOLOKIA_PATH=/observe/jolokia
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

# the page that connects Hawtio to this Chief: a static context /chief beside /hawtio
mkdir -p "$HOME_DIR/base/webapps/chief"
cat > "$HOME_DIR/base/webapps/chief/index.html" <<HTML
<!DOCTYPE html>
<meta charset="utf-8">
<title>Chief in Hawtio</title>
<script>
  const connections = JSON.parse(localStorage.getItem('connect.connections') || '{}');
  connections.chief = { id: 'chief', name: 'chief', scheme: 'http', host: '$CHIEF_HOST', port: $CHIEF_PORT, path: '$JOLOKIA_PATH' };
  localStorage.setItem('connect.connections', JSON.stringify(connections));
  location.replace('/hawtio/camel?con=chief');
</script>
HTML

cd "$HOME_DIR/base"
java \
  -Dhawtio.authenticationEnabled=false \
  -Dhawtio.proxyAllowlist="localhost,127.0.0.1,$CHIEF_HOST" \
  -Dhawtio.localAddressProbing=false \
  -jar "$HOME_DIR/jetty-home-$JETTY_VERSION/start.jar" \
  jetty.http.host="$HOST" jetty.http.port="$PORT" &
JETTY=$!
trap 'kill $JETTY 2>/dev/null; wait $JETTY' INT TERM
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://$HOST:$PORT/chief/" && break
  kill -0 $JETTY 2>/dev/null || exit 1
  sleep 1
done
echo "Hawtio for Chief at $CHIEF_HOST:$CHIEF_PORT: open http://$HOST:$PORT/chief/"
wait $JETTY
