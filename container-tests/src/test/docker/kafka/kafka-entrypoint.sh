#!/bin/bash
# apache/kafka's start, in short: KAFKA_FOO_BAR=x becomes foo.bar=x (___ is -, __ is _), an unformatted data
# directory is formatted with CLUSTER_ID, then the broker runs as PID 1.
set -euo pipefail
: "${CLUSTER_ID:?CLUSTER_ID is required}"
config=/opt/kafka/config/server.properties
: >"$config"
for name in $(compgen -e); do
  case $name in
    KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_JMX_OPTS | KAFKA_LOG4J_OPTS | KAFKA_JVM_PERFORMANCE_OPTS | KAFKA_GC_LOG_OPTS) ;;
    KAFKA_*)
      key=${name#KAFKA_}
      key=${key,,}
      key=${key//___/-}
      key=${key//__/^}
      key=${key//_/.}
      printf '%s=%s\n' "${key//^/_}" "${!name}" >>"$config"
      ;;
  esac
done
grep -q '^log\.dirs=' "$config" || echo 'log.dirs=/var/lib/kafka/data' >>"$config"
classpath='/opt/kafka/libs/*'
log_dirs=$(sed -n 's/^log\.dirs=//p' "$config")
if [[ ! -f ${log_dirs%%,*}/meta.properties ]]; then
  java -cp "$classpath" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$config"
fi
exec java ${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} ${KAFKA_OPTS:-} -cp "$classpath" kafka.Kafka "$config"
