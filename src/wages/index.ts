/** What other features may use of wages: the rest of the folder is its own business (.dependency-cruiser.cjs). */
export { RecordMonthlyPay } from './commands/record-monthly-pay.handler';
export { RecordMonthlyPayDto } from './wages.dto';
