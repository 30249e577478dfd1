// A mocha reporter that lists each test's outcome and ends with "<suite>: N passed, M failed"
// (the suite's name from CONFORMANCE_SUITE).
"use strict";

const Mocha = require("mocha");
const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_RUN_END } = Mocha.Runner.constants;

class CountReporter {
  constructor(runner) {
    const suite = process.env.CONFORMANCE_SUITE || "suite";
    let passed = 0;
    let failed = 0;
    runner.on(EVENT_TEST_PASS, (test) => {
      passed++;
      console.log(`  pass  ${test.fullTitle()}`);
    });
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      failed++;
      console.log(`  FAIL  ${test.fullTitle()}: ${String(error && error.message).split("\n")[0]}`);
    });
    runner.once(EVENT_RUN_END, () => {
      console.log(`${suite}: ${passed} passed, ${failed} failed`);
    });
  }
}

module.exports = CountReporter;
