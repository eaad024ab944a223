// Jest global setup: gives this run an id. Jest's workers inherit it, so that the tests which start the compiled
// code as a process compile it once per run (see test/support/built.ts), and the others compile nothing.
const { randomUUID } = require('node:crypto');

module.exports = async () => {
  process.env.RW_TEST_RUN = randomUUID();
};
