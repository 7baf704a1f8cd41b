// Dates as people type them, read into the engine's form (questions.js
// `date` passes YYYY-MM-DD on itself). Loaded once the component has
// started (later.js): an answer with a date written otherwise before then waits for it.

export const typedDates = {
  /// Dates as people write them: 2026-11-22, 22/11/2026, 22 nov 2026,
  /// 22 november 2026, in the page's month names or the other ones its
  /// catalogue lists (`ui.months_other`: Swedish, English, or both, in
  /// twelves). With `month`, a month alone (februari 2026, 2026-02) becomes
  /// YYYY-MM. What cannot be read goes to the engine as written, which names the problem.
  readDate(text, month = false) {
    const pad = (n) => String(n).padStart(2, '0');
    const monthOf = (word) => {
      const names = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => this.t(`month.${i}`).toLowerCase());
      const other = this.t('ui.months_other').toLowerCase().split(',');
      for (const list of [names, other]) {
        const i = list.findIndex((m) => word === m || (word.length >= 3 && m.startsWith(word)));
        if (i >= 0) return (i % 12) + 1;
      }
      return 0;
    };
    const t = text.trim().toLowerCase().replace(/\.$/, '');
    let m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    if (m) return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    m = t.match(/^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/);
    if (m) return `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
    // Any script's month names (Finnish writes "1. helmikuuta 2026").
    m = t.match(/^(\d{1,2})\.?\s+(\p{L}+)\.?\s+(\d{4})$/u);
    if (m && monthOf(m[2])) return `${m[3]}-${pad(monthOf(m[2]))}-${pad(m[1])}`;
    if (month) {
      m = t.match(/^(\p{L}+)\.?\s+(\d{4})$/u);
      if (m && monthOf(m[1])) return `${m[2]}-${pad(monthOf(m[1]))}`;
      m = t.match(/^(\d{4})-(\d{1,2})$/);
      if (m) return `${m[1]}-${pad(m[2])}`;
      m = t.match(/^(\d{1,2})[/.](\d{4})$/);
      if (m) return `${m[2]}-${pad(m[1])}`;
    }
    return text;
  },
};
