// Every test file of the extension-host suite (tdd globals must be installed before this loads).
import './commands.suite.js';
import './evaluate.suite.js';
import './errors.suite.js';
import './notebook.suite.js';
import './formula.suite.js';
