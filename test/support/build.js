// Jest global setup: compile apps, libs and the child-process scripts to dist/ (swc, about a second), so that
// tests which start real processes run the code under test, never a stale build.
const { execSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  execSync('npm run --silent build', { cwd: join(__dirname, '..', '..'), stdio: 'inherit' });
};
