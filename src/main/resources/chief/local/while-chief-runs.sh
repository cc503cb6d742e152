#!/bin/sh
# Runs the command given (mariadbd, the search server's JVM) for as long as the Chief JVM
# ($CHIEF_PARENT_PID) lives, so a killed Chief leaves no server behind; SIGTERM stops the server and
# waits for its shutdown. Ctrl-C reaches the whole process group: ignored here (and by the server,
# started in the background; a JVM keeps a signal ignored at its start ignored), Chief stops the
# server itself once its routes have stopped.
trap '' INT
"$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server"; exit 0' TERM
while kill -0 "$CHIEF_PARENT_PID" 2>/dev/null && kill -0 "$server" 2>/dev/null; do
  sleep 1
done
kill -TERM "$server" 2>/dev/null
wait "$server"
