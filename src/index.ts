import { run } from './action/main.js'

// The action's entry point (dist/index.js). All logic lives in run().
void run()
