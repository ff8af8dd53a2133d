// Preloaded into cognito-local (node --require): the POS keeps this child's stdin open, so when the
// POS exits or is killed the pipe closes and the emulator exits too instead of lingering.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
