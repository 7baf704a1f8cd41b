// The component's parts loaded after it has started, each once for every
// component on the page (platform.js says from where): the nearby search
// (nearby.js, on first use) and what the first answer does not need
// (later.js, as soon as the component has started). Until a part is in,
// stand-ins for its methods load it; once it is in, its methods take their
// place on the component's prototype.
import { loadNearbySearch, loadLaterPart } from './platform.js';

/// Thrown by a stand-in that cannot wait (`needed`): the caller does again,
/// once `part` is in, what it was doing.
export class NotLoaded extends Error {
  constructor(part) {
    super('a part of the component is still loading');
    this.part = part;
  }
}

/// The part `load` brings: a module whose export `name` holds the methods;
/// with `needs`, another part it uses, loaded with it.
function part(load, name, needs) {
  let loading = null;
  const self = {
    /// Loads the part (once; a failed load is tried again on the next use).
    load(component) {
      loading ??= Promise.all([load(), needs?.load(component)]).then(
        ([m]) => void Object.assign(Object.getPrototypeOf(component), m[name]),
        (e) => {
          loading = null; // a passing network error: the next use tries again
          throw e;
        },
      );
      return loading;
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
