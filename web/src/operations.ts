import { graphql } from './gql';

// Every operation the web app sends, typed by graphql-codegen (`npm run codegen`) from schema.graphql.

export const MoneyFields = graphql(`
  fragment MoneyFields on Money {
    amount
    cents
    currency
  }
`);

export const SearchBooks = graphql(`
  query SearchBooks($query: String, $filter: BookFilter, $sort: BookSort!, $first: Int!, $after: String) {
    searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      correctedQuery
      mode
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          isbn13
          title
          subtitle
          format
          publishedYear
          authors {
            name
          }
          listPrice {
            ...MoneyFields
          }
          lowestOffer {
            total {
              ...MoneyFields
            }
          }
        }
      }
      facets {
        categories {
          value
          label
          count
        }
        languages {
          value
          label
          count
        }
        priceRanges {
          value
          label
          count
        }
        inStock
      }
    }
  }
`);

export const Suggestions = graphql(`
  query Suggestions($query: String!) {
    searchBooks(query: $query, first: 8) {
      edges {
        node {
          isbn13
          title
          format
          publishedYear
          authors {
            name
          }
        }
      }
    }
  }
`);

export const BookPage = graphql(`
  query BookPage($isbn: String!) {
    book(isbn: $isbn) {
      id
      isbn13
      isbn10
      title
      subtitle
      description
      format
      language
      publisher
      publishedYear
      stock
      available
      authors {
        name
      }
      category {
        name
      }
      listPrice {
        ...MoneyFields
      }
    }
  }
`);

export const BookOffers = graphql(`
  query BookOffers($isbn: String!, $maxAgeSeconds: Int) {
    book(isbn: $isbn) {
      ownOffer {
        ...OfferFields
      }
      offers(maxAgeSeconds: $maxAgeSeconds) {
        ...OfferFields
      }
    }
  }
`);

export const OfferFields = graphql(`
  fragment OfferFields on Offer {
    inStock
    ageSeconds
    source
    price {
      ...MoneyFields
    }
    shipping {
      ...MoneyFields
    }
    total {
      ...MoneyFields
    }
    store {
      id
      name
      slug
      kind
    }
  }
`);

export const OffersUpdated = graphql(`
  subscription OffersUpdated($isbn: String!) {
    offersUpdated(isbn: $isbn) {
      ...OfferFields
    }
  }
`);

export const PriceHistory = graphql(`
  query PriceHistory($isbn: String!, $granularity: Granularity!, $from: DateTime, $storeId: ID) {
    book(isbn: $isbn) {
      priceHistory(granularity: $granularity, from: $from, storeId: $storeId) {
        current {
          ...MoneyFields
        }
        lowest30d {
          ...MoneyFields
        }
        allTimeLow {
          ...MoneyFields
        }
        allTimeHigh {
          ...MoneyFields
        }
        isGoodDeal
        points {
          bucket
          low {
            cents
          }
          high {
            cents
          }
          close {
            cents
          }
        }
      }
    }
  }
`);

export const PurchaseBook = graphql(`
  mutation PurchaseBook($input: PurchaseBookInput!) {
    purchaseBook(input: $input) {
      status
      reason
      storesAsked
      storesAnswered
      pricePaid {
        ...MoneyFields
      }
      lowestPrice {
        ...MoneyFields
      }
      order {
        id
      }
      watch {
        id
        threshold {
          ...MoneyFields
        }
      }
    }
  }
`);

export const SignIn = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      token
      user {
        email
      }
    }
  }
`);

export const SignUp = graphql(`
  mutation SignUp($email: String!, $password: String!) {
    signUp(email: $email, password: $password) {
      token
      user {
        email
      }
    }
  }
`);

export const MergeCart = graphql(`
  mutation MergeCart($cartToken: String!) {
    mergeCart(cartToken: $cartToken) {
      itemCount
    }
  }
`);

export const AlertFields = graphql(`
  fragment AlertFields on PriceAlert {
    id
    rule
    armed
    channels
    dropPercent
    threshold {
      ...MoneyFields
    }
    lastNotifiedPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
  }
`);

export const MyAlerts = graphql(`
  query MyAlerts {
    viewer {
      priceAlerts {
        ...AlertFields
      }
    }
  }
`);

export const CreateAlert = graphql(`
  mutation CreateAlert($input: CreatePriceAlertInput!) {
    createPriceAlert(input: $input) {
      ...AlertFields
    }
  }
`);

export const DeleteAlert = graphql(`
  mutation DeleteAlert($id: ID!) {
    deletePriceAlert(id: $id)
  }
`);

export const PriceDropped = graphql(`
  subscription PriceDropped($isbn: String) {
    priceDropped(isbn: $isbn) {
      at
      book {
        isbn13
        title
      }
      store {
        name
      }
      oldPrice {
        ...MoneyFields
      }
      newPrice {
        ...MoneyFields
      }
    }
  }
`);

export const CartFields = graphql(`
  fragment CartFields on Cart {
    id
    version
    itemCount
    token
    subtotal {
      ...MoneyFields
    }
    items {
      quantity
      priceChanged
      unitPrice {
        ...MoneyFields
      }
      currentPrice {
        ...MoneyFields
      }
      book {
        isbn13
        title
      }
      store {
        id
        name
      }
    }
  }
`);

export const CreateCart = graphql(`
  mutation CreateCart {
    createCart {
      token
    }
  }
`);

export const CartQuery = graphql(`
  query CartQuery($cartToken: String) {
    cart(cartToken: $cartToken) {
      ...CartFields
    }
  }
`);

export const AddToCart = graphql(`
  mutation AddToCart($input: AddToCartInput!) {
    addToCart(input: $input) {
      ...CartFields
    }
  }
`);

export const UpdateCartItem = graphql(`
  mutation UpdateCartItem($input: UpdateCartItemInput!) {
    updateCartItem(input: $input) {
      ...CartFields
    }
  }
`);

export const RemoveCartItem = graphql(`
  mutation RemoveCartItem($input: RemoveCartItemInput!) {
    removeCartItem(input: $input) {
      ...CartFields
    }
  }
`);

export const Checkout = graphql(`
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      status
      reason
      total {
        ...MoneyFields
      }
      problems {
        kind
        message
        book {
          title
        }
      }
      order {
        id
      }
      orderAccessToken
    }
  }
`);

export const OrderFields = graphql(`
  fragment OrderFields on Order {
    id
    number
    status
    placedAt
    cancellable
    total {
      ...MoneyFields
    }
    shippingAddress {
      name
      line1
      line2
      city
      region
      postalCode
      country
    }
    payment {
      authorized {
        ...MoneyFields
      }
      captured {
        ...MoneyFields
      }
      refunded {
        ...MoneyFields
      }
      brand
      last4
    }
    lines {
      quantity
      unitPrice {
        ...MoneyFields
      }
      book {
        isbn13
        title
      }
    }
    shipments {
      status
      store {
        name
      }
      shipping {
        ...MoneyFields
      }
      carrier
      trackingNumber
      estimatedDelivery
    }
    events {
      status
      at
      note
    }
  }
`);

export const OrderPage = graphql(`
  query OrderPage($id: ID!, $accessToken: String) {
    order(id: $id, accessToken: $accessToken) {
      ...OrderFields
    }
  }
`);

export const OrderStatusChanged = graphql(`
  subscription OrderStatusChanged($orderId: ID!, $accessToken: String) {
    orderStatusChanged(orderId: $orderId, accessToken: $accessToken) {
      ...OrderFields
    }
  }
`);

export const CancelOrder = graphql(`
  mutation CancelOrder($id: ID!, $accessToken: String) {
    cancelOrder(id: $id, accessToken: $accessToken) {
      ...OrderFields
    }
  }
`);

export const MyOrders = graphql(`
  query MyOrders {
    viewer {
      orders(first: 20) {
        edges {
          node {
            id
            number
            status
            placedAt
            total {
              ...MoneyFields
            }
            lines {
              quantity
              book {
                title
              }
            }
          }
        }
      }
    }
  }
`);

export const SavedAddressFields = graphql(`
  fragment SavedAddressFields on SavedAddress {
    id
    name
    line1
    line2
    city
    region
    postalCode
    country
    isDefault
  }
`);

export const MyAddresses = graphql(`
  query MyAddresses {
    viewer {
      addresses {
        ...SavedAddressFields
      }
    }
  }
`);

export const AddAddress = graphql(`
  mutation AddAddress($input: AddAddressInput!) {
    addAddress(input: $input) {
      ...SavedAddressFields
    }
  }
`);

export const UpdateAddress = graphql(`
  mutation UpdateAddress($input: UpdateAddressInput!) {
    updateAddress(input: $input) {
      ...SavedAddressFields
    }
  }
`);

export const RemoveAddress = graphql(`
  mutation RemoveAddress($id: ID!) {
    removeAddress(id: $id)
  }
`);

export const DealShelf = graphql(`
  fragment DealShelf on BookConnection {
    totalCount
    edges {
      percentOff
      since
      was {
        ...MoneyFields
      }
      price {
        ...MoneyFields
      }
      node {
        id
        isbn13
        title
        format
        authors {
          name
        }
      }
    }
  }
`);

export const HomeDeals = graphql(`
  query HomeDeals($first: Int!) {
    drops: deals(kind: BIGGEST_DROPS, first: $first) {
      ...DealShelf
    }
    lows: deals(kind: LOWEST_IN_30_DAYS, first: $first) {
      ...DealShelf
    }
    watched: deals(kind: RECENTLY_WATCHED, first: $first) {
      ...DealShelf
    }
  }
`);
