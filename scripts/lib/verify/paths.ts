import path from 'node:path';

/** Where `npm run verify` writes: apart from reports/ and allure-results/ of the other commands. */
export const VERIFY_DIR = path.resolve(__dirname, '..', '..', '..', 'reports', 'verify');
export const VERIFY_ALLURE_RESULTS = path.join(VERIFY_DIR, 'allure-results');
