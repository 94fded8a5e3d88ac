import type zh from '../zh-CN/catalog'
import type { Messages } from '../schema'

const m: Messages<typeof zh> = {
  catalog: {
    sold: '{n} sold',
    noProducts: 'No products yet',
    noProductsInCategory: 'No products in this category',
    noCategories: 'No categories yet',
  },
  home: {
    forYou: 'Picked for you',
    hot: 'Best seller',
    shopNow: 'Shop now',
  },
  search: {
    title: 'Search',
    placeholder: 'Search products',
    go: 'Search',
    noResult: 'Nothing found for “{q}”',
    sortDefault: 'Featured',
    sortSales: 'Sales',
    sortNewest: 'Newest',
    sortPriceAsc: 'Price ↑',
    sortPriceDesc: 'Price ↓',
  },
  product: {
    title: 'Product',
    gone: 'This product is no longer available',
    choose: 'Options',
    specCount: '{n} options',
    stockLabel: 'Stock',
    stock: '{n} in stock',
    soldOut: 'Sold out',
    details: 'Details',
    noDescription: 'No details',
    selected: 'Selected',
    pleaseChoose: 'Choose',
    quantity: 'Quantity',
    addToCart: 'Add to cart',
    addedToCart: 'Added to cart',
    buyNow: 'Buy now',
  },
}
export default m
