// kafkajs 2.2.4 against one ActorBroker node's Kafka door: admin (create, describe, configs, grow, offsets, delete)
// and, when the node serves Produce, a producer whose acknowledged offsets the admin's fetchTopicOffsets must cover.
// kafkajs's consumer needs consumer groups, which ActorBroker does not serve yet: consumption is kcat's part.
// Usage: node kafkajs-check.js BOOTSTRAP TOPIC RECORDS SERVES_PRODUCE(0|1)
const { Kafka, logLevel, ConfigResourceTypes } = require('kafkajs');

const [bootstrap, topic, records, servesProduce] = process.argv.slice(2);
const count = Number(records);
const kafka = new Kafka({ clientId: 'ci-kafkajs', brokers: [bootstrap], logLevel: logLevel.WARN, connectionTimeout: 5000, requestTimeout: 10000, retry: { retries: 3 } });

function check(condition, what) {
  if (!condition) throw new Error(`kafkajs: ${what}`);
  console.log(`kafkajs: ok: ${what}`);
}

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  try {
    check(await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '3600000' }] }], waitForLeaders: true }),
      `createTopics created ${topic}`);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    check(topics.length === 1 && topics[0].partitions.length === 1, 'fetchTopicMetadata shows 1 partition');
    const configs = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
    const retention = configs.resources[0].configEntries.find(e => e.configName === 'retention.ms');
    check(retention && retention.configValue === '3600000' && !retention.isDefault, 'describeConfigs shows the retention.ms override');
    await admin.createPartitions({ topicPartitions: [{ topic, count: 2 }] });
    const grown = await admin.fetchTopicMetadata({ topics: [topic] });
    check(grown.topics[0].partitions.length === 2, 'createPartitions grew the topic to 2 partitions');
    const cluster = await admin.describeCluster();
    check(cluster.brokers.length === 1 && cluster.controller === cluster.brokers[0].nodeId, 'describeCluster lists the node as broker and controller');

    if (servesProduce === '1') {
      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      const messages = Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `kafkajs record ${i}`, partition: 0 }));
      const acks = await producer.send({ topic, acks: -1, messages });
      await producer.disconnect();
      const offsets = await admin.fetchTopicOffsets(topic);
      const p0 = offsets.find(o => o.partition === 0);
      check(acks.length === 1 && Number(p0.high) === count && Number(p0.low) === 0, `producer's ${count} records are partition 0's offsets 0..${count - 1}`);
    } else {
      console.log('kafkajs: skipped produce: this node does not serve Produce/ListOffsets yet');
    }

    await admin.deleteTopics({ topics: [topic] });
    check(!(await admin.listTopics()).includes(topic), 'deleteTopics removed the topic');
  } finally {
    await admin.disconnect();
  }
}

main().catch(e => { console.error(e.stack || String(e)); process.exit(1); });
