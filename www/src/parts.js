// The component's parts loaded after it has started (platform.js says from
// where): the nearby search (nearby.js, on first use) and what the first
// answer does not need (later.js, as soon as the component has started).
// Each part's script is loaded once for every component on the page; what
// the parts say is in a catalogue of their own (data/text-more-LANG.json, not
// in the page), loaded with them for each component. Until a part is in for
// a component, with that text, stand-ins for its methods load it; once it is
// in, its methods take their place on that component.
import { loadNearbySearch, loadLaterPart, fetchText } from './platform.js';

/// Thrown by a stand-in that cannot wait (`needed`): the caller does again,
/// once `part` is in, what it was doing.
export class NotLoaded extends Error {
  constructor(part) {
    super('a part of the component is still loading');
    this.part = part;
  }
}

/// What the parts say (data/text-more-LANG.json), added to the component's
/// text; the text, which also holds the engine's error messages and what
/// only an answer under an override says, for its module (a failed fetch is tried again on the next use).
export function loadMoreText(component) {
  component.moreText ??= fetchText(`data/text-more-${component.lang}.json`).then(
    (t) => {
      Object.assign(component.text, JSON.parse(t));
      return t;
    },
    (e) => {
      component.moreText = null;
      throw e;
    },
  );
  return component.moreText;
}

/// The part `load` brings: a module whose export `name` holds the methods;
/// with `needs`, another part it uses, loaded with it.
function part(load, name, needs) {
  let loading = null;
  const self = {
    /// Loads the part for `component`: its script, once for every component,
    /// and its text. A failed load is tried again on the next use (a passing
    /// network error).
    load(component) {
      loading ??= load().catch((e) => {
        loading = null;
        throw e;
      });
      return Promise.all([loading, loadMoreText(component), needs?.load(component)]).then(([m]) => void Object.assign(component, m[name]));
    },
    /// A stand-in for the method `method`, which loads the part and then calls
    /// it; when the part cannot load, the method `failed`, if any.
    standIn(method, failed) {
      return async function (...args) {
        try {
          await self.load(this);
        } catch (e) {
          if (failed) return this[failed](e);
          console.error(`vardval-kollen: ${method} could not load`, e);
          return null;
        }
        return this[method](...args);
      };
    },
    /// A stand-in for a method whose answer is needed at once: it starts
    /// loading the part and throws NotLoaded.
    needed() {
      return function () {
        self.load(this).catch(() => {}); // the caller, waiting for the load, hears of a failure
        throw new NotLoaded(self);
      };
    },
  };
  return self;
}

export const laterPart = part(loadLaterPart, 'later');
// The search shows its problems in the error summary, which is later.js's.
export const nearbySearch = part(loadNearbySearch, 'nearby', laterPart);

/// later.js's methods until it is in.
export const laterStandIns = {
  // No error is shown before the part that shows them is in: none to clear.
  clearErrors() {},
  showErrors: laterPart.needed(),
  readDate: laterPart.needed(),
  linkProblems: laterPart.standIn('linkProblems'),
  showShareLink: laterPart.standIn('showShareLink'),
  downloadCalendar: laterPart.standIn('downloadCalendar'),
};
