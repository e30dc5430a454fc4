/** What the composition root uses of reminders and warnings: the reactors that decide them (.dependency-cruiser.cjs). */
export { reminderReactor } from './reminder.reactor';
export { warningReactor } from './warning.reactor';
