/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment MoneyFields on Money { amount cents currency }": typeof types.MoneyFieldsFragmentDoc,
    "\n  query SearchBooks($query: String, $filter: BookFilter, $sort: BookSort!, $first: Int!, $after: String) {\n    searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount correctedQuery mode\n      pageInfo { hasNextPage endCursor }\n      edges { node { id isbn13 title subtitle format publishedYear authors { name } listPrice { ...MoneyFields } lowestOffer { total { ...MoneyFields } } } }\n      facets {\n        categories { value label count }\n        languages { value label count }\n        priceRanges { value label count }\n        inStock\n      }\n    }\n  }\n": typeof types.SearchBooksDocument,
    "\n  query Suggestions($query: String!) {\n    searchBooks(query: $query, first: 8) { edges { node { isbn13 title format publishedYear authors { name } } } }\n  }\n": typeof types.SuggestionsDocument,
    "\n  query BookPage($isbn: String!) {\n    book(isbn: $isbn) {\n      id isbn13 isbn10 title subtitle description format language publisher publishedYear stock available\n      authors { name }\n      category { name }\n      listPrice { ...MoneyFields }\n    }\n  }\n": typeof types.BookPageDocument,
    "\n  query BookOffers($isbn: String!, $maxAgeSeconds: Int) {\n    book(isbn: $isbn) { ownOffer { ...OfferFields } offers(maxAgeSeconds: $maxAgeSeconds) { ...OfferFields } }\n  }\n": typeof types.BookOffersDocument,
    "\n  fragment OfferFields on Offer {\n    inStock ageSeconds source\n    price { ...MoneyFields } shipping { ...MoneyFields } total { ...MoneyFields }\n    store { id name slug kind }\n  }\n": typeof types.OfferFieldsFragmentDoc,
    "\n  subscription OffersUpdated($isbn: String!) { offersUpdated(isbn: $isbn) { ...OfferFields } }\n": typeof types.OffersUpdatedDocument,
    "\n  query PriceHistory($isbn: String!, $granularity: Granularity!, $from: DateTime, $storeId: ID) {\n    book(isbn: $isbn) {\n      priceHistory(granularity: $granularity, from: $from, storeId: $storeId) {\n        current { ...MoneyFields } lowest30d { ...MoneyFields } allTimeLow { ...MoneyFields } allTimeHigh { ...MoneyFields } isGoodDeal\n        points { bucket low { cents } high { cents } close { cents } }\n      }\n    }\n  }\n": typeof types.PriceHistoryDocument,
    "\n  mutation PurchaseBook($input: PurchaseBookInput!) {\n    purchaseBook(input: $input) {\n      status reason storesAsked storesAnswered\n      pricePaid { ...MoneyFields } lowestPrice { ...MoneyFields }\n      order { id }\n      watch { id threshold { ...MoneyFields } }\n    }\n  }\n": typeof types.PurchaseBookDocument,
    "\n  mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token user { email } } }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($email: String!, $password: String!) { signUp(email: $email, password: $password) { token user { email } } }\n": typeof types.SignUpDocument,
    "\n  mutation MergeCart($cartToken: String!) { mergeCart(cartToken: $cartToken) { itemCount } }\n": typeof types.MergeCartDocument,
    "\n  fragment AlertFields on PriceAlert {\n    id rule armed channels dropPercent\n    threshold { ...MoneyFields } lastNotifiedPrice { ...MoneyFields }\n    book { isbn13 title }\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  query MyAlerts { viewer { priceAlerts { ...AlertFields } } }\n": typeof types.MyAlertsDocument,
    "\n  mutation CreateAlert($input: CreatePriceAlertInput!) { createPriceAlert(input: $input) { ...AlertFields } }\n": typeof types.CreateAlertDocument,
    "\n  mutation DeleteAlert($id: ID!) { deletePriceAlert(id: $id) }\n": typeof types.DeleteAlertDocument,
    "\n  subscription PriceDropped($isbn: String) {\n    priceDropped(isbn: $isbn) { at book { isbn13 title } store { name } oldPrice { ...MoneyFields } newPrice { ...MoneyFields } }\n  }\n": typeof types.PriceDroppedDocument,
    "\n  fragment CartFields on Cart {\n    id version itemCount token\n    subtotal { ...MoneyFields }\n    items {\n      quantity priceChanged\n      unitPrice { ...MoneyFields } currentPrice { ...MoneyFields }\n      book { isbn13 title }\n      store { id name }\n    }\n  }\n": typeof types.CartFieldsFragmentDoc,
    "\n  mutation CreateCart { createCart { token } }\n": typeof types.CreateCartDocument,
    "\n  query CartQuery($cartToken: String) { cart(cartToken: $cartToken) { ...CartFields } }\n": typeof types.CartQueryDocument,
    "\n  mutation AddToCart($input: AddToCartInput!) { addToCart(input: $input) { ...CartFields } }\n": typeof types.AddToCartDocument,
    "\n  mutation UpdateCartItem($input: UpdateCartItemInput!) { updateCartItem(input: $input) { ...CartFields } }\n": typeof types.UpdateCartItemDocument,
    "\n  mutation RemoveCartItem($input: RemoveCartItemInput!) { removeCartItem(input: $input) { ...CartFields } }\n": typeof types.RemoveCartItemDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status reason total { ...MoneyFields }\n      problems { kind message book { title } }\n      order { id }\n      orderAccessToken\n    }\n  }\n": typeof types.CheckoutDocument,
    "\n  fragment OrderFields on Order {\n    id number status placedAt cancellable total { ...MoneyFields }\n    shippingAddress { name line1 line2 city region postalCode country }\n    payment { authorized { ...MoneyFields } captured { ...MoneyFields } refunded { ...MoneyFields } brand last4 }\n    lines { quantity unitPrice { ...MoneyFields } book { isbn13 title } }\n    shipments { status store { name } shipping { ...MoneyFields } carrier trackingNumber estimatedDelivery }\n    events { status at note }\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  query OrderPage($id: ID!, $accessToken: String) { order(id: $id, accessToken: $accessToken) { ...OrderFields } }\n": typeof types.OrderPageDocument,
    "\n  subscription OrderStatusChanged($orderId: ID!, $accessToken: String) { orderStatusChanged(orderId: $orderId, accessToken: $accessToken) { ...OrderFields } }\n": typeof types.OrderStatusChangedDocument,
    "\n  mutation CancelOrder($id: ID!, $accessToken: String) { cancelOrder(id: $id, accessToken: $accessToken) { ...OrderFields } }\n": typeof types.CancelOrderDocument,
    "\n  query MyOrders { viewer { orders(first: 20) { edges { node { id number status placedAt total { ...MoneyFields } lines { quantity book { title } } } } } } }\n": typeof types.MyOrdersDocument,
    "\n  fragment SavedAddressFields on SavedAddress { id name line1 line2 city region postalCode country isDefault }\n": typeof types.SavedAddressFieldsFragmentDoc,
    "\n  query MyAddresses { viewer { addresses { ...SavedAddressFields } } }\n": typeof types.MyAddressesDocument,
    "\n  mutation AddAddress($input: AddAddressInput!) { addAddress(input: $input) { ...SavedAddressFields } }\n": typeof types.AddAddressDocument,
    "\n  mutation UpdateAddress($input: UpdateAddressInput!) { updateAddress(input: $input) { ...SavedAddressFields } }\n": typeof types.UpdateAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) { removeAddress(id: $id) }\n": typeof types.RemoveAddressDocument,
    "\n  fragment DealShelf on BookConnection {\n    totalCount\n    edges { percentOff since was { ...MoneyFields } price { ...MoneyFields } node { id isbn13 title format authors { name } } }\n  }\n": typeof types.DealShelfFragmentDoc,
    "\n  query HomeDeals($first: Int!) {\n    drops: deals(kind: BIGGEST_DROPS, first: $first) { ...DealShelf }\n    lows: deals(kind: LOWEST_IN_30_DAYS, first: $first) { ...DealShelf }\n    watched: deals(kind: RECENTLY_WATCHED, first: $first) { ...DealShelf }\n  }\n": typeof types.HomeDealsDocument,
};
const documents: Documents = {
    "fragment MoneyFields on Money { amount cents currency }": types.MoneyFieldsFragmentDoc,
    "\n  query SearchBooks($query: String, $filter: BookFilter, $sort: BookSort!, $first: Int!, $after: String) {\n    searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount correctedQuery mode\n      pageInfo { hasNextPage endCursor }\n      edges { node { id isbn13 title subtitle format publishedYear authors { name } listPrice { ...MoneyFields } lowestOffer { total { ...MoneyFields } } } }\n      facets {\n        categories { value label count }\n        languages { value label count }\n        priceRanges { value label count }\n        inStock\n      }\n    }\n  }\n": types.SearchBooksDocument,
    "\n  query Suggestions($query: String!) {\n    searchBooks(query: $query, first: 8) { edges { node { isbn13 title format publishedYear authors { name } } } }\n  }\n": types.SuggestionsDocument,
    "\n  query BookPage($isbn: String!) {\n    book(isbn: $isbn) {\n      id isbn13 isbn10 title subtitle description format language publisher publishedYear stock available\n      authors { name }\n      category { name }\n      listPrice { ...MoneyFields }\n    }\n  }\n": types.BookPageDocument,
    "\n  query BookOffers($isbn: String!, $maxAgeSeconds: Int) {\n    book(isbn: $isbn) { ownOffer { ...OfferFields } offers(maxAgeSeconds: $maxAgeSeconds) { ...OfferFields } }\n  }\n": types.BookOffersDocument,
    "\n  fragment OfferFields on Offer {\n    inStock ageSeconds source\n    price { ...MoneyFields } shipping { ...MoneyFields } total { ...MoneyFields }\n    store { id name slug kind }\n  }\n": types.OfferFieldsFragmentDoc,
    "\n  subscription OffersUpdated($isbn: String!) { offersUpdated(isbn: $isbn) { ...OfferFields } }\n": types.OffersUpdatedDocument,
    "\n  query PriceHistory($isbn: String!, $granularity: Granularity!, $from: DateTime, $storeId: ID) {\n    book(isbn: $isbn) {\n      priceHistory(granularity: $granularity, from: $from, storeId: $storeId) {\n        current { ...MoneyFields } lowest30d { ...MoneyFields } allTimeLow { ...MoneyFields } allTimeHigh { ...MoneyFields } isGoodDeal\n        points { bucket low { cents } high { cents } close { cents } }\n      }\n    }\n  }\n": types.PriceHistoryDocument,
    "\n  mutation PurchaseBook($input: PurchaseBookInput!) {\n    purchaseBook(input: $input) {\n      status reason storesAsked storesAnswered\n      pricePaid { ...MoneyFields } lowestPrice { ...MoneyFields }\n      order { id }\n      watch { id threshold { ...MoneyFields } }\n    }\n  }\n": types.PurchaseBookDocument,
    "\n  mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token user { email } } }\n": types.SignInDocument,
    "\n  mutation SignUp($email: String!, $password: String!) { signUp(email: $email, password: $password) { token user { email } } }\n": types.SignUpDocument,
    "\n  mutation MergeCart($cartToken: String!) { mergeCart(cartToken: $cartToken) { itemCount } }\n": types.MergeCartDocument,
    "\n  fragment AlertFields on PriceAlert {\n    id rule armed channels dropPercent\n    threshold { ...MoneyFields } lastNotifiedPrice { ...MoneyFields }\n    book { isbn13 title }\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  query MyAlerts { viewer { priceAlerts { ...AlertFields } } }\n": types.MyAlertsDocument,
    "\n  mutation CreateAlert($input: CreatePriceAlertInput!) { createPriceAlert(input: $input) { ...AlertFields } }\n": types.CreateAlertDocument,
    "\n  mutation DeleteAlert($id: ID!) { deletePriceAlert(id: $id) }\n": types.DeleteAlertDocument,
    "\n  subscription PriceDropped($isbn: String) {\n    priceDropped(isbn: $isbn) { at book { isbn13 title } store { name } oldPrice { ...MoneyFields } newPrice { ...MoneyFields } }\n  }\n": types.PriceDroppedDocument,
    "\n  fragment CartFields on Cart {\n    id version itemCount token\n    subtotal { ...MoneyFields }\n    items {\n      quantity priceChanged\n      unitPrice { ...MoneyFields } currentPrice { ...MoneyFields }\n      book { isbn13 title }\n      store { id name }\n    }\n  }\n": types.CartFieldsFragmentDoc,
    "\n  mutation CreateCart { createCart { token } }\n": types.CreateCartDocument,
    "\n  query CartQuery($cartToken: String) { cart(cartToken: $cartToken) { ...CartFields } }\n": types.CartQueryDocument,
    "\n  mutation AddToCart($input: AddToCartInput!) { addToCart(input: $input) { ...CartFields } }\n": types.AddToCartDocument,
    "\n  mutation UpdateCartItem($input: UpdateCartItemInput!) { updateCartItem(input: $input) { ...CartFields } }\n": types.UpdateCartItemDocument,
    "\n  mutation RemoveCartItem($input: RemoveCartItemInput!) { removeCartItem(input: $input) { ...CartFields } }\n": types.RemoveCartItemDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status reason total { ...MoneyFields }\n      problems { kind message book { title } }\n      order { id }\n      orderAccessToken\n    }\n  }\n": types.CheckoutDocument,
    "\n  fragment OrderFields on Order {\n    id number status placedAt cancellable total { ...MoneyFields }\n    shippingAddress { name line1 line2 city region postalCode country }\n    payment { authorized { ...MoneyFields } captured { ...MoneyFields } refunded { ...MoneyFields } brand last4 }\n    lines { quantity unitPrice { ...MoneyFields } book { isbn13 title } }\n    shipments { status store { name } shipping { ...MoneyFields } carrier trackingNumber estimatedDelivery }\n    events { status at note }\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  query OrderPage($id: ID!, $accessToken: String) { order(id: $id, accessToken: $accessToken) { ...OrderFields } }\n": types.OrderPageDocument,
    "\n  subscription OrderStatusChanged($orderId: ID!, $accessToken: String) { orderStatusChanged(orderId: $orderId, accessToken: $accessToken) { ...OrderFields } }\n": types.OrderStatusChangedDocument,
    "\n  mutation CancelOrder($id: ID!, $accessToken: String) { cancelOrder(id: $id, accessToken: $accessToken) { ...OrderFields } }\n": types.CancelOrderDocument,
    "\n  query MyOrders { viewer { orders(first: 20) { edges { node { id number status placedAt total { ...MoneyFields } lines { quantity book { title } } } } } } }\n": types.MyOrdersDocument,
    "\n  fragment SavedAddressFields on SavedAddress { id name line1 line2 city region postalCode country isDefault }\n": types.SavedAddressFieldsFragmentDoc,
    "\n  query MyAddresses { viewer { addresses { ...SavedAddressFields } } }\n": types.MyAddressesDocument,
    "\n  mutation AddAddress($input: AddAddressInput!) { addAddress(input: $input) { ...SavedAddressFields } }\n": types.AddAddressDocument,
    "\n  mutation UpdateAddress($input: UpdateAddressInput!) { updateAddress(input: $input) { ...SavedAddressFields } }\n": types.UpdateAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) { removeAddress(id: $id) }\n": types.RemoveAddressDocument,
    "\n  fragment DealShelf on BookConnection {\n    totalCount\n    edges { percentOff since was { ...MoneyFields } price { ...MoneyFields } node { id isbn13 title format authors { name } } }\n  }\n": types.DealShelfFragmentDoc,
    "\n  query HomeDeals($first: Int!) {\n    drops: deals(kind: BIGGEST_DROPS, first: $first) { ...DealShelf }\n    lows: deals(kind: LOWEST_IN_30_DAYS, first: $first) { ...DealShelf }\n    watched: deals(kind: RECENTLY_WATCHED, first: $first) { ...DealShelf }\n  }\n": types.HomeDealsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MoneyFields on Money { amount cents currency }"): typeof import('./graphql').MoneyFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchBooks($query: String, $filter: BookFilter, $sort: BookSort!, $first: Int!, $after: String) {\n    searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount correctedQuery mode\n      pageInfo { hasNextPage endCursor }\n      edges { node { id isbn13 title subtitle format publishedYear authors { name } listPrice { ...MoneyFields } lowestOffer { total { ...MoneyFields } } } }\n      facets {\n        categories { value label count }\n        languages { value label count }\n        priceRanges { value label count }\n        inStock\n      }\n    }\n  }\n"): typeof import('./graphql').SearchBooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suggestions($query: String!) {\n    searchBooks(query: $query, first: 8) { edges { node { isbn13 title format publishedYear authors { name } } } }\n  }\n"): typeof import('./graphql').SuggestionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookPage($isbn: String!) {\n    book(isbn: $isbn) {\n      id isbn13 isbn10 title subtitle description format language publisher publishedYear stock available\n      authors { name }\n      category { name }\n      listPrice { ...MoneyFields }\n    }\n  }\n"): typeof import('./graphql').BookPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookOffers($isbn: String!, $maxAgeSeconds: Int) {\n    book(isbn: $isbn) { ownOffer { ...OfferFields } offers(maxAgeSeconds: $maxAgeSeconds) { ...OfferFields } }\n  }\n"): typeof import('./graphql').BookOffersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OfferFields on Offer {\n    inStock ageSeconds source\n    price { ...MoneyFields } shipping { ...MoneyFields } total { ...MoneyFields }\n    store { id name slug kind }\n  }\n"): typeof import('./graphql').OfferFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OffersUpdated($isbn: String!) { offersUpdated(isbn: $isbn) { ...OfferFields } }\n"): typeof import('./graphql').OffersUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PriceHistory($isbn: String!, $granularity: Granularity!, $from: DateTime, $storeId: ID) {\n    book(isbn: $isbn) {\n      priceHistory(granularity: $granularity, from: $from, storeId: $storeId) {\n        current { ...MoneyFields } lowest30d { ...MoneyFields } allTimeLow { ...MoneyFields } allTimeHigh { ...MoneyFields } isGoodDeal\n        points { bucket low { cents } high { cents } close { cents } }\n      }\n    }\n  }\n"): typeof import('./graphql').PriceHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PurchaseBook($input: PurchaseBookInput!) {\n    purchaseBook(input: $input) {\n      status reason storesAsked storesAnswered\n      pricePaid { ...MoneyFields } lowestPrice { ...MoneyFields }\n      order { id }\n      watch { id threshold { ...MoneyFields } }\n    }\n  }\n"): typeof import('./graphql').PurchaseBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token user { email } } }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!) { signUp(email: $email, password: $password) { token user { email } } }\n"): typeof import('./graphql').SignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeCart($cartToken: String!) { mergeCart(cartToken: $cartToken) { itemCount } }\n"): typeof import('./graphql').MergeCartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on PriceAlert {\n    id rule armed channels dropPercent\n    threshold { ...MoneyFields } lastNotifiedPrice { ...MoneyFields }\n    book { isbn13 title }\n  }\n"): typeof import('./graphql').AlertFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAlerts { viewer { priceAlerts { ...AlertFields } } }\n"): typeof import('./graphql').MyAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAlert($input: CreatePriceAlertInput!) { createPriceAlert(input: $input) { ...AlertFields } }\n"): typeof import('./graphql').CreateAlertDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAlert($id: ID!) { deletePriceAlert(id: $id) }\n"): typeof import('./graphql').DeleteAlertDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PriceDropped($isbn: String) {\n    priceDropped(isbn: $isbn) { at book { isbn13 title } store { name } oldPrice { ...MoneyFields } newPrice { ...MoneyFields } }\n  }\n"): typeof import('./graphql').PriceDroppedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CartFields on Cart {\n    id version itemCount token\n    subtotal { ...MoneyFields }\n    items {\n      quantity priceChanged\n      unitPrice { ...MoneyFields } currentPrice { ...MoneyFields }\n      book { isbn13 title }\n      store { id name }\n    }\n  }\n"): typeof import('./graphql').CartFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCart { createCart { token } }\n"): typeof import('./graphql').CreateCartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CartQuery($cartToken: String) { cart(cartToken: $cartToken) { ...CartFields } }\n"): typeof import('./graphql').CartQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToCart($input: AddToCartInput!) { addToCart(input: $input) { ...CartFields } }\n"): typeof import('./graphql').AddToCartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCartItem($input: UpdateCartItemInput!) { updateCartItem(input: $input) { ...CartFields } }\n"): typeof import('./graphql').UpdateCartItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveCartItem($input: RemoveCartItemInput!) { removeCartItem(input: $input) { ...CartFields } }\n"): typeof import('./graphql').RemoveCartItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status reason total { ...MoneyFields }\n      problems { kind message book { title } }\n      order { id }\n      orderAccessToken\n    }\n  }\n"): typeof import('./graphql').CheckoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id number status placedAt cancellable total { ...MoneyFields }\n    shippingAddress { name line1 line2 city region postalCode country }\n    payment { authorized { ...MoneyFields } captured { ...MoneyFields } refunded { ...MoneyFields } brand last4 }\n    lines { quantity unitPrice { ...MoneyFields } book { isbn13 title } }\n    shipments { status store { name } shipping { ...MoneyFields } carrier trackingNumber estimatedDelivery }\n    events { status at note }\n  }\n"): typeof import('./graphql').OrderFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderPage($id: ID!, $accessToken: String) { order(id: $id, accessToken: $accessToken) { ...OrderFields } }\n"): typeof import('./graphql').OrderPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderStatusChanged($orderId: ID!, $accessToken: String) { orderStatusChanged(orderId: $orderId, accessToken: $accessToken) { ...OrderFields } }\n"): typeof import('./graphql').OrderStatusChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!, $accessToken: String) { cancelOrder(id: $id, accessToken: $accessToken) { ...OrderFields } }\n"): typeof import('./graphql').CancelOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrders { viewer { orders(first: 20) { edges { node { id number status placedAt total { ...MoneyFields } lines { quantity book { title } } } } } } }\n"): typeof import('./graphql').MyOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SavedAddressFields on SavedAddress { id name line1 line2 city region postalCode country isDefault }\n"): typeof import('./graphql').SavedAddressFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAddresses { viewer { addresses { ...SavedAddressFields } } }\n"): typeof import('./graphql').MyAddressesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAddress($input: AddAddressInput!) { addAddress(input: $input) { ...SavedAddressFields } }\n"): typeof import('./graphql').AddAddressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAddress($input: UpdateAddressInput!) { updateAddress(input: $input) { ...SavedAddressFields } }\n"): typeof import('./graphql').UpdateAddressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAddress($id: ID!) { removeAddress(id: $id) }\n"): typeof import('./graphql').RemoveAddressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DealShelf on BookConnection {\n    totalCount\n    edges { percentOff since was { ...MoneyFields } price { ...MoneyFields } node { id isbn13 title format authors { name } } }\n  }\n"): typeof import('./graphql').DealShelfFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeDeals($first: Int!) {\n    drops: deals(kind: BIGGEST_DROPS, first: $first) { ...DealShelf }\n    lows: deals(kind: LOWEST_IN_30_DAYS, first: $first) { ...DealShelf }\n    watched: deals(kind: RECENTLY_WATCHED, first: $first) { ...DealShelf }\n  }\n"): typeof import('./graphql').HomeDealsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
