/** Someone else's hand on an item: they have it selected, or are editing its label. */
export interface RemoteMark {
  name: string
  color: string
  editing: boolean
}
