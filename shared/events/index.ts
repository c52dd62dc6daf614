export * from './element-event'
export { deriveElementEvents } from './derive-element-events'
