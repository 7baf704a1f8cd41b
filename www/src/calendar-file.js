// The calendar file a fee or relisting answer offers for a date (answers.js
// `calendar`): an all-day event, .ics, made on the device. Loaded once the
// component has started (later.js).
import { h, today } from './dom.js';

export const calendarFile = {
  /// Downloads the event of `iso`, named by the catalogue's `titleKey`.
  downloadCalendar(iso, titleKey) {
    const day = iso.replaceAll('-', '');
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Vardvalskollen//SV', 'BEGIN:VEVENT', `UID:${day}-${titleKey}@vardvalskollen`, `DTSTAMP:${today().replaceAll('-', '')}T000000Z`, `DTSTART;VALUE=DATE:${day}`, `SUMMARY:${this.t(titleKey)}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const a = h('a', { href: URL.createObjectURL(new Blob([ics], { type: 'text/calendar' })), download: `vardvalskollen-${iso}.ics` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  },
};
