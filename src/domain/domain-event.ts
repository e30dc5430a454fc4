/** What a decider emits and evolves on: a named fact and its data (the envelope around it is the store's). */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}
