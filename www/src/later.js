// What the first answer does not need, bundled on its own
// (www/vardval-kollen-later.js) and loaded as soon as the component has
// started (parts.js): the error summary, the share link's panel, the
// calendar file and dates written other than YYYY-MM-DD. Until it is in,
// stand-ins (parts.js `laterStandIns`) load it.
import { errorSummary } from './error-summary.js';
import { shareLink } from './share-link.js';
import { calendarFile } from './calendar-file.js';
import { typedDates } from './typed-dates.js';

export const later = { ...errorSummary, ...shareLink, ...calendarFile, ...typedDates };
