// Helpers that name shapes from the generated schema, so an app's types.ts
// says `Ok<'/api/shop/orders/{id}', 'get'>` instead of copying fields.
import type { paths } from './schema'

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never

/** The 200 body of an operation. */
export type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: infer R } }
  ? Json<R>
  : never

/** The JSON request body of an operation. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never

/** The element type of a paged list body ({ items: [...] }). */
export type Item<L> = L extends { items?: (infer I)[] } ? I : never

/** A page of items as list endpoints return them. */
export interface Page<T> {
  items?: T[]
  total?: number
  page?: number
  page_size?: number
}
