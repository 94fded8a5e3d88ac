// English (and any later locale) must provide every zh-CN key as a string.
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }
