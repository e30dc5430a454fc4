/** What other features may use of the bureau's files: the module, for the application to mount. */
export { FilingsModule } from './filings.module';
