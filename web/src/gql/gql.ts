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
    "\n  fragment MoneyFields on Money {\n    amount\n    cents\n    currency\n  }\n": typeof types.MoneyFieldsFragmentDoc,
    "\n  query SearchBooks($query: String, $filter: BookFilter, $sort: BookSort!, $first: Int!, $after: String) {\n    searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      correctedQuery\n      mode\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          isbn13\n          title\n          subtitle\n          format\n          publishedYear\n          authors {\n            name\n          }\n          listPrice {\n            ...MoneyFields\n          }\n          lowestOffer {\n            total {\n              ...MoneyFields\n            }\n          }\n        }\n      }\n      facets {\n        categories {\n          value\n          label\n          count\n        }\n        languages {\n          value\n          label\n          count\n        }\n        priceRanges {\n          value\n          label\n          count\n        }\n        inStock\n      }\n    }\n  }\n": typeof types.SearchBooksDocument,
    "\n  query Suggestions($query: String!) {\n    searchBooks(query: $query, first: 8) {\n      edges {\n        node {\n          isbn13\n          title\n          format\n          publishedYear\n          authors {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.SuggestionsDocument,
    "\n  query BookPage($isbn: String!) {\n    book(isbn: $isbn) {\n      id\n      isbn13\n      isbn10\n      title\n      subtitle\n      description\n      format\n      language\n      publisher\n      publishedYear\n      stock\n      available\n      authors {\n        name\n      }\n      category {\n        name\n      }\n      listPrice {\n        ...MoneyFields\n      }\n    }\n  }\n": typeof types.BookPageDocument,
    "\n  query BookOffers($isbn: String!, $maxAgeSeconds: Int) {\n    book(isbn: $isbn) {\n      ownOffer {\n        ...OfferFields\n      }\n      offers(maxAgeSeconds: $maxAgeSeconds) {\n        ...OfferFields\n      }\n    }\n  }\n": typeof types.BookOffersDocument,
    "\n  fragment OfferFields on Offer {\n    inStock\n    ageSeconds\n    source\n    price {\n      ...MoneyFields\n    }\n    shipping {\n      ...MoneyFields\n    }\n    total {\n      ...MoneyFields\n    }\n    store {\n      id\n      name\n      slug\n      kind\n    }\n  }\n": typeof types.OfferFieldsFragmentDoc,
    "\n  subscription OffersUpdated($isbn: String!) {\n    offersUpdated(isbn: $isbn) {\n      ...OfferFields\n    }\n  }\n": typeof types.OffersUpdatedDocument,
    "\n  query PriceHistory($isbn: String!, $granularity: Granularity!, $from: DateTime, $storeId: ID) {\n    book(isbn: $isbn) {\n      priceHistory(granularity: $granularity, from: $from, storeId: $storeId) {\n        current {\n          ...MoneyFields\n        }\n        lowest30d {\n          ...MoneyFields\n        }\n        allTimeLow {\n          ...MoneyFields\n        }\n        allTimeHigh {\n          ...MoneyFields\n        }\n        isGoodDeal\n        points {\n          bucket\n          low {\n            cents\n          }\n          high {\n            cents\n          }\n          close {\n            cents\n          }\n        }\n      }\n    }\n  }\n": typeof types.PriceHistoryDocument,
    "\n  mutation PurchaseBook($input: PurchaseBookInput!) {\n    purchaseBook(input: $input) {\n      status\n      reason\n      storesAsked\n      storesAnswered\n      pricePaid {\n        ...MoneyFields\n      }\n      lowestPrice {\n        ...MoneyFields\n      }\n      order {\n        id\n      }\n      watch {\n        id\n        threshold {\n          ...MoneyFields\n        }\n      }\n    }\n  }\n": typeof types.PurchaseBookDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      token\n      user {\n        email\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($email: String!, $password: String!) {\n    signUp(email: $email, password: $password) {\n      token\n      user {\n        email\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation MergeCart($cartToken: String!) {\n    mergeCart(cartToken: $cartToken) {\n      itemCount\n    }\n  }\n": typeof types.MergeCartDocument,
    "\n  fragment AlertFields on PriceAlert {\n    id\n    rule\n    armed\n    channels\n    dropPercent\n    threshold {\n      ...MoneyFields\n    }\n    lastNotifiedPrice {\n      ...MoneyFields\n    }\n    book {\n      isbn13\n      title\n    }\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  query MyAlerts {\n    viewer {\n      priceAlerts {\n        ...AlertFields\n      }\n    }\n  }\n": typeof types.MyAlertsDocument,
    "\n  mutation CreateAlert($input: CreatePriceAlertInput!) {\n    createPriceAlert(input: $input) {\n      ...AlertFields\n    }\n  }\n": typeof types.CreateAlertDocument,
    "\n  mutation DeleteAlert($id: ID!) {\n    deletePriceAlert(id: $id)\n  }\n": typeof types.DeleteAlertDocument,
    "\n  subscription PriceDropped($isbn: String) {\n    priceDropped(isbn: $isbn) {\n      at\n      book {\n        isbn13\n        title\n      }\n      store {\n        name\n      }\n      oldPrice {\n        ...MoneyFields\n      }\n      newPrice {\n        ...MoneyFields\n      }\n    }\n  }\n": typeof types.PriceDroppedDocument,
    "\n  fragment CartFields on Cart {\n    id\n    version\n    itemCount\n    token\n    subtotal {\n      ...MoneyFields\n    }\n    items {\n      quantity\n      priceChanged\n      unitPrice {\n        ...MoneyFields\n      }\n      currentPrice {\n        ...MoneyFields\n      }\n      book {\n        isbn13\n        title\n      }\n      store {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CartFieldsFragmentDoc,
    "\n  mutation CreateCart {\n    createCart {\n      token\n    }\n  }\n": typeof types.CreateCartDocument,
    "\n  query CartQuery($cartToken: String) {\n    cart(cartToken: $cartToken) {\n      ...CartFields\n    }\n  }\n": typeof types.CartQueryDocument,
    "\n  mutation AddToCart($input: AddToCartInput!) {\n    addToCart(input: $input) {\n      ...CartFields\n    }\n  }\n": typeof types.AddToCartDocument,
    "\n  mutation UpdateCartItem($input: UpdateCartItemInput!) {\n    updateCartItem(input: $input) {\n      ...CartFields\n    }\n  }\n": typeof types.UpdateCartItemDocument,
    "\n  mutation RemoveCartItem($input: RemoveCartItemInput!) {\n    removeCartItem(input: $input) {\n      ...CartFields\n    }\n  }\n": typeof types.RemoveCartItemDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status\n      reason\n      total {\n        ...MoneyFields\n      }\n      problems {\n        kind\n        message\n        book {\n          title\n        }\n      }\n      order {\n        id\n      }\n      orderAccessToken\n    }\n  }\n": typeof types.CheckoutDocument,
    "\n  fragment OrderFields on Order {\n    id\n    number\n    status\n    placedAt\n    cancellable\n    total {\n      ...MoneyFields\n    }\n    shippingAddress {\n      name\n      line1\n      line2\n      city\n      region\n      postalCode\n      country\n    }\n    payment {\n      authorized {\n        ...MoneyFields\n      }\n      captured {\n        ...MoneyFields\n      }\n      refunded {\n        ...MoneyFields\n      }\n      brand\n      last4\n    }\n    lines {\n      quantity\n      unitPrice {\n        ...MoneyFields\n      }\n      book {\n        isbn13\n        title\n      }\n    }\n    shipments {\n      status\n      store {\n        name\n      }\n      shipping {\n        ...MoneyFields\n      }\n      carrier\n      trackingNumber\n      estimatedDelivery\n    }\n    events {\n      status\n      at\n      note\n    }\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  query OrderPage($id: ID!, $accessToken: String) {\n    order(id: $id, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n": typeof types.OrderPageDocument,
    "\n  subscription OrderStatusChanged($orderId: ID!, $accessToken: String) {\n    orderStatusChanged(orderId: $orderId, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n": typeof types.OrderStatusChangedDocument,
    "\n  mutation CancelOrder($id: ID!, $accessToken: String) {\n    cancelOrder(id: $id, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  query MyOrders {\n    viewer {\n      orders(first: 20) {\n        edges {\n          node {\n            id\n            number\n            status\n            placedAt\n            total {\n              ...MoneyFields\n            }\n            lines {\n              quantity\n              book {\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyOrdersDocument,
    "\n  fragment SavedAddressFields on SavedAddress {\n    id\n    name\n    line1\n    line2\n    city\n    region\n    postalCode\n    country\n    isDefault\n  }\n": typeof types.SavedAddressFieldsFragmentDoc,
    "\n  query MyAddresses {\n    viewer {\n      addresses {\n        ...SavedAddressFields\n      }\n    }\n  }\n": typeof types.MyAddressesDocument,
    "\n  mutation AddAddress($input: AddAddressInput!) {\n    addAddress(input: $input) {\n      ...SavedAddressFields\n    }\n  }\n": typeof types.AddAddressDocument,
    "\n  mutation UpdateAddress($input: UpdateAddressInput!) {\n    updateAddress(input: $input) {\n      ...SavedAddressFields\n    }\n  }\n": typeof types.UpdateAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n": typeof types.RemoveAddressDocument,
    "\n  fragment DealShelf on BookConnection {\n    totalCount\n    edges {\n      percentOff\n      since\n      was {\n        ...MoneyFields\n      }\n      price {\n        ...MoneyFields\n      }\n      node {\n        id\n        isbn13\n        title\n        format\n        authors {\n          name\n        }\n      }\n    }\n  }\n": typeof types.DealShelfFragmentDoc,
    "\n  query HomeDeals($first: Int!) {\n    drops: deals(kind: BIGGEST_DROPS, first: $first) {\n      ...DealShelf\n    }\n    lows: deals(kind: LOWEST_IN_30_DAYS, first: $first) {\n      ...DealShelf\n    }\n    watched: deals(kind: RECENTLY_WATCHED, first: $first) {\n      ...DealShelf\n    }\n  }\n": typeof types.HomeDealsDocument,
};
const documents: Documents = {
    "\n  fragment MoneyFields on Money {\n    amount\n    cents\n    currency\n  }\n": types.MoneyFieldsFragmentDoc,
    "\n  query SearchBooks($query: String, $filter: BookFilter, $sort: BookSort!, $first: Int!, $after: String) {\n    searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      correctedQuery\n      mode\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          isbn13\n          title\n          subtitle\n          format\n          publishedYear\n          authors {\n            name\n          }\n          listPrice {\n            ...MoneyFields\n          }\n          lowestOffer {\n            total {\n              ...MoneyFields\n            }\n          }\n        }\n      }\n      facets {\n        categories {\n          value\n          label\n          count\n        }\n        languages {\n          value\n          label\n          count\n        }\n        priceRanges {\n          value\n          label\n          count\n        }\n        inStock\n      }\n    }\n  }\n": types.SearchBooksDocument,
    "\n  query Suggestions($query: String!) {\n    searchBooks(query: $query, first: 8) {\n      edges {\n        node {\n          isbn13\n          title\n          format\n          publishedYear\n          authors {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.SuggestionsDocument,
    "\n  query BookPage($isbn: String!) {\n    book(isbn: $isbn) {\n      id\n      isbn13\n      isbn10\n      title\n      subtitle\n      description\n      format\n      language\n      publisher\n      publishedYear\n      stock\n      available\n      authors {\n        name\n      }\n      category {\n        name\n      }\n      listPrice {\n        ...MoneyFields\n      }\n    }\n  }\n": types.BookPageDocument,
    "\n  query BookOffers($isbn: String!, $maxAgeSeconds: Int) {\n    book(isbn: $isbn) {\n      ownOffer {\n        ...OfferFields\n      }\n      offers(maxAgeSeconds: $maxAgeSeconds) {\n        ...OfferFields\n      }\n    }\n  }\n": types.BookOffersDocument,
    "\n  fragment OfferFields on Offer {\n    inStock\n    ageSeconds\n    source\n    price {\n      ...MoneyFields\n    }\n    shipping {\n      ...MoneyFields\n    }\n    total {\n      ...MoneyFields\n    }\n    store {\n      id\n      name\n      slug\n      kind\n    }\n  }\n": types.OfferFieldsFragmentDoc,
    "\n  subscription OffersUpdated($isbn: String!) {\n    offersUpdated(isbn: $isbn) {\n      ...OfferFields\n    }\n  }\n": types.OffersUpdatedDocument,
    "\n  query PriceHistory($isbn: String!, $granularity: Granularity!, $from: DateTime, $storeId: ID) {\n    book(isbn: $isbn) {\n      priceHistory(granularity: $granularity, from: $from, storeId: $storeId) {\n        current {\n          ...MoneyFields\n        }\n        lowest30d {\n          ...MoneyFields\n        }\n        allTimeLow {\n          ...MoneyFields\n        }\n        allTimeHigh {\n          ...MoneyFields\n        }\n        isGoodDeal\n        points {\n          bucket\n          low {\n            cents\n          }\n          high {\n            cents\n          }\n          close {\n            cents\n          }\n        }\n      }\n    }\n  }\n": types.PriceHistoryDocument,
    "\n  mutation PurchaseBook($input: PurchaseBookInput!) {\n    purchaseBook(input: $input) {\n      status\n      reason\n      storesAsked\n      storesAnswered\n      pricePaid {\n        ...MoneyFields\n      }\n      lowestPrice {\n        ...MoneyFields\n      }\n      order {\n        id\n      }\n      watch {\n        id\n        threshold {\n          ...MoneyFields\n        }\n      }\n    }\n  }\n": types.PurchaseBookDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      token\n      user {\n        email\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignUp($email: String!, $password: String!) {\n    signUp(email: $email, password: $password) {\n      token\n      user {\n        email\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation MergeCart($cartToken: String!) {\n    mergeCart(cartToken: $cartToken) {\n      itemCount\n    }\n  }\n": types.MergeCartDocument,
    "\n  fragment AlertFields on PriceAlert {\n    id\n    rule\n    armed\n    channels\n    dropPercent\n    threshold {\n      ...MoneyFields\n    }\n    lastNotifiedPrice {\n      ...MoneyFields\n    }\n    book {\n      isbn13\n      title\n    }\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  query MyAlerts {\n    viewer {\n      priceAlerts {\n        ...AlertFields\n      }\n    }\n  }\n": types.MyAlertsDocument,
    "\n  mutation CreateAlert($input: CreatePriceAlertInput!) {\n    createPriceAlert(input: $input) {\n      ...AlertFields\n    }\n  }\n": types.CreateAlertDocument,
    "\n  mutation DeleteAlert($id: ID!) {\n    deletePriceAlert(id: $id)\n  }\n": types.DeleteAlertDocument,
    "\n  subscription PriceDropped($isbn: String) {\n    priceDropped(isbn: $isbn) {\n      at\n      book {\n        isbn13\n        title\n      }\n      store {\n        name\n      }\n      oldPrice {\n        ...MoneyFields\n      }\n      newPrice {\n        ...MoneyFields\n      }\n    }\n  }\n": types.PriceDroppedDocument,
    "\n  fragment CartFields on Cart {\n    id\n    version\n    itemCount\n    token\n    subtotal {\n      ...MoneyFields\n    }\n    items {\n      quantity\n      priceChanged\n      unitPrice {\n        ...MoneyFields\n      }\n      currentPrice {\n        ...MoneyFields\n      }\n      book {\n        isbn13\n        title\n      }\n      store {\n        id\n        name\n      }\n    }\n  }\n": types.CartFieldsFragmentDoc,
    "\n  mutation CreateCart {\n    createCart {\n      token\n    }\n  }\n": types.CreateCartDocument,
    "\n  query CartQuery($cartToken: String) {\n    cart(cartToken: $cartToken) {\n      ...CartFields\n    }\n  }\n": types.CartQueryDocument,
    "\n  mutation AddToCart($input: AddToCartInput!) {\n    addToCart(input: $input) {\n      ...CartFields\n    }\n  }\n": types.AddToCartDocument,
    "\n  mutation UpdateCartItem($input: UpdateCartItemInput!) {\n    updateCartItem(input: $input) {\n      ...CartFields\n    }\n  }\n": types.UpdateCartItemDocument,
    "\n  mutation RemoveCartItem($input: RemoveCartItemInput!) {\n    removeCartItem(input: $input) {\n      ...CartFields\n    }\n  }\n": types.RemoveCartItemDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status\n      reason\n      total {\n        ...MoneyFields\n      }\n      problems {\n        kind\n        message\n        book {\n          title\n        }\n      }\n      order {\n        id\n      }\n      orderAccessToken\n    }\n  }\n": types.CheckoutDocument,
    "\n  fragment OrderFields on Order {\n    id\n    number\n    status\n    placedAt\n    cancellable\n    total {\n      ...MoneyFields\n    }\n    shippingAddress {\n      name\n      line1\n      line2\n      city\n      region\n      postalCode\n      country\n    }\n    payment {\n      authorized {\n        ...MoneyFields\n      }\n      captured {\n        ...MoneyFields\n      }\n      refunded {\n        ...MoneyFields\n      }\n      brand\n      last4\n    }\n    lines {\n      quantity\n      unitPrice {\n        ...MoneyFields\n      }\n      book {\n        isbn13\n        title\n      }\n    }\n    shipments {\n      status\n      store {\n        name\n      }\n      shipping {\n        ...MoneyFields\n      }\n      carrier\n      trackingNumber\n      estimatedDelivery\n    }\n    events {\n      status\n      at\n      note\n    }\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  query OrderPage($id: ID!, $accessToken: String) {\n    order(id: $id, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n": types.OrderPageDocument,
    "\n  subscription OrderStatusChanged($orderId: ID!, $accessToken: String) {\n    orderStatusChanged(orderId: $orderId, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n": types.OrderStatusChangedDocument,
    "\n  mutation CancelOrder($id: ID!, $accessToken: String) {\n    cancelOrder(id: $id, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n": types.CancelOrderDocument,
    "\n  query MyOrders {\n    viewer {\n      orders(first: 20) {\n        edges {\n          node {\n            id\n            number\n            status\n            placedAt\n            total {\n              ...MoneyFields\n            }\n            lines {\n              quantity\n              book {\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyOrdersDocument,
    "\n  fragment SavedAddressFields on SavedAddress {\n    id\n    name\n    line1\n    line2\n    city\n    region\n    postalCode\n    country\n    isDefault\n  }\n": types.SavedAddressFieldsFragmentDoc,
    "\n  query MyAddresses {\n    viewer {\n      addresses {\n        ...SavedAddressFields\n      }\n    }\n  }\n": types.MyAddressesDocument,
    "\n  mutation AddAddress($input: AddAddressInput!) {\n    addAddress(input: $input) {\n      ...SavedAddressFields\n    }\n  }\n": types.AddAddressDocument,
    "\n  mutation UpdateAddress($input: UpdateAddressInput!) {\n    updateAddress(input: $input) {\n      ...SavedAddressFields\n    }\n  }\n": types.UpdateAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n": types.RemoveAddressDocument,
    "\n  fragment DealShelf on BookConnection {\n    totalCount\n    edges {\n      percentOff\n      since\n      was {\n        ...MoneyFields\n      }\n      price {\n        ...MoneyFields\n      }\n      node {\n        id\n        isbn13\n        title\n        format\n        authors {\n          name\n        }\n      }\n    }\n  }\n": types.DealShelfFragmentDoc,
    "\n  query HomeDeals($first: Int!) {\n    drops: deals(kind: BIGGEST_DROPS, first: $first) {\n      ...DealShelf\n    }\n    lows: deals(kind: LOWEST_IN_30_DAYS, first: $first) {\n      ...DealShelf\n    }\n    watched: deals(kind: RECENTLY_WATCHED, first: $first) {\n      ...DealShelf\n    }\n  }\n": types.HomeDealsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MoneyFields on Money {\n    amount\n    cents\n    currency\n  }\n"): typeof import('./graphql').MoneyFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchBooks($query: String, $filter: BookFilter, $sort: BookSort!, $first: Int!, $after: String) {\n    searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      correctedQuery\n      mode\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          isbn13\n          title\n          subtitle\n          format\n          publishedYear\n          authors {\n            name\n          }\n          listPrice {\n            ...MoneyFields\n          }\n          lowestOffer {\n            total {\n              ...MoneyFields\n            }\n          }\n        }\n      }\n      facets {\n        categories {\n          value\n          label\n          count\n        }\n        languages {\n          value\n          label\n          count\n        }\n        priceRanges {\n          value\n          label\n          count\n        }\n        inStock\n      }\n    }\n  }\n"): typeof import('./graphql').SearchBooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suggestions($query: String!) {\n    searchBooks(query: $query, first: 8) {\n      edges {\n        node {\n          isbn13\n          title\n          format\n          publishedYear\n          authors {\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SuggestionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookPage($isbn: String!) {\n    book(isbn: $isbn) {\n      id\n      isbn13\n      isbn10\n      title\n      subtitle\n      description\n      format\n      language\n      publisher\n      publishedYear\n      stock\n      available\n      authors {\n        name\n      }\n      category {\n        name\n      }\n      listPrice {\n        ...MoneyFields\n      }\n    }\n  }\n"): typeof import('./graphql').BookPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookOffers($isbn: String!, $maxAgeSeconds: Int) {\n    book(isbn: $isbn) {\n      ownOffer {\n        ...OfferFields\n      }\n      offers(maxAgeSeconds: $maxAgeSeconds) {\n        ...OfferFields\n      }\n    }\n  }\n"): typeof import('./graphql').BookOffersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OfferFields on Offer {\n    inStock\n    ageSeconds\n    source\n    price {\n      ...MoneyFields\n    }\n    shipping {\n      ...MoneyFields\n    }\n    total {\n      ...MoneyFields\n    }\n    store {\n      id\n      name\n      slug\n      kind\n    }\n  }\n"): typeof import('./graphql').OfferFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OffersUpdated($isbn: String!) {\n    offersUpdated(isbn: $isbn) {\n      ...OfferFields\n    }\n  }\n"): typeof import('./graphql').OffersUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PriceHistory($isbn: String!, $granularity: Granularity!, $from: DateTime, $storeId: ID) {\n    book(isbn: $isbn) {\n      priceHistory(granularity: $granularity, from: $from, storeId: $storeId) {\n        current {\n          ...MoneyFields\n        }\n        lowest30d {\n          ...MoneyFields\n        }\n        allTimeLow {\n          ...MoneyFields\n        }\n        allTimeHigh {\n          ...MoneyFields\n        }\n        isGoodDeal\n        points {\n          bucket\n          low {\n            cents\n          }\n          high {\n            cents\n          }\n          close {\n            cents\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PriceHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PurchaseBook($input: PurchaseBookInput!) {\n    purchaseBook(input: $input) {\n      status\n      reason\n      storesAsked\n      storesAnswered\n      pricePaid {\n        ...MoneyFields\n      }\n      lowestPrice {\n        ...MoneyFields\n      }\n      order {\n        id\n      }\n      watch {\n        id\n        threshold {\n          ...MoneyFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PurchaseBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      token\n      user {\n        email\n      }\n    }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!) {\n    signUp(email: $email, password: $password) {\n      token\n      user {\n        email\n      }\n    }\n  }\n"): typeof import('./graphql').SignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeCart($cartToken: String!) {\n    mergeCart(cartToken: $cartToken) {\n      itemCount\n    }\n  }\n"): typeof import('./graphql').MergeCartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on PriceAlert {\n    id\n    rule\n    armed\n    channels\n    dropPercent\n    threshold {\n      ...MoneyFields\n    }\n    lastNotifiedPrice {\n      ...MoneyFields\n    }\n    book {\n      isbn13\n      title\n    }\n  }\n"): typeof import('./graphql').AlertFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAlerts {\n    viewer {\n      priceAlerts {\n        ...AlertFields\n      }\n    }\n  }\n"): typeof import('./graphql').MyAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAlert($input: CreatePriceAlertInput!) {\n    createPriceAlert(input: $input) {\n      ...AlertFields\n    }\n  }\n"): typeof import('./graphql').CreateAlertDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAlert($id: ID!) {\n    deletePriceAlert(id: $id)\n  }\n"): typeof import('./graphql').DeleteAlertDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PriceDropped($isbn: String) {\n    priceDropped(isbn: $isbn) {\n      at\n      book {\n        isbn13\n        title\n      }\n      store {\n        name\n      }\n      oldPrice {\n        ...MoneyFields\n      }\n      newPrice {\n        ...MoneyFields\n      }\n    }\n  }\n"): typeof import('./graphql').PriceDroppedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CartFields on Cart {\n    id\n    version\n    itemCount\n    token\n    subtotal {\n      ...MoneyFields\n    }\n    items {\n      quantity\n      priceChanged\n      unitPrice {\n        ...MoneyFields\n      }\n      currentPrice {\n        ...MoneyFields\n      }\n      book {\n        isbn13\n        title\n      }\n      store {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').CartFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCart {\n    createCart {\n      token\n    }\n  }\n"): typeof import('./graphql').CreateCartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CartQuery($cartToken: String) {\n    cart(cartToken: $cartToken) {\n      ...CartFields\n    }\n  }\n"): typeof import('./graphql').CartQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToCart($input: AddToCartInput!) {\n    addToCart(input: $input) {\n      ...CartFields\n    }\n  }\n"): typeof import('./graphql').AddToCartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCartItem($input: UpdateCartItemInput!) {\n    updateCartItem(input: $input) {\n      ...CartFields\n    }\n  }\n"): typeof import('./graphql').UpdateCartItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveCartItem($input: RemoveCartItemInput!) {\n    removeCartItem(input: $input) {\n      ...CartFields\n    }\n  }\n"): typeof import('./graphql').RemoveCartItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status\n      reason\n      total {\n        ...MoneyFields\n      }\n      problems {\n        kind\n        message\n        book {\n          title\n        }\n      }\n      order {\n        id\n      }\n      orderAccessToken\n    }\n  }\n"): typeof import('./graphql').CheckoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id\n    number\n    status\n    placedAt\n    cancellable\n    total {\n      ...MoneyFields\n    }\n    shippingAddress {\n      name\n      line1\n      line2\n      city\n      region\n      postalCode\n      country\n    }\n    payment {\n      authorized {\n        ...MoneyFields\n      }\n      captured {\n        ...MoneyFields\n      }\n      refunded {\n        ...MoneyFields\n      }\n      brand\n      last4\n    }\n    lines {\n      quantity\n      unitPrice {\n        ...MoneyFields\n      }\n      book {\n        isbn13\n        title\n      }\n    }\n    shipments {\n      status\n      store {\n        name\n      }\n      shipping {\n        ...MoneyFields\n      }\n      carrier\n      trackingNumber\n      estimatedDelivery\n    }\n    events {\n      status\n      at\n      note\n    }\n  }\n"): typeof import('./graphql').OrderFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderPage($id: ID!, $accessToken: String) {\n    order(id: $id, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n"): typeof import('./graphql').OrderPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderStatusChanged($orderId: ID!, $accessToken: String) {\n    orderStatusChanged(orderId: $orderId, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n"): typeof import('./graphql').OrderStatusChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!, $accessToken: String) {\n    cancelOrder(id: $id, accessToken: $accessToken) {\n      ...OrderFields\n    }\n  }\n"): typeof import('./graphql').CancelOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrders {\n    viewer {\n      orders(first: 20) {\n        edges {\n          node {\n            id\n            number\n            status\n            placedAt\n            total {\n              ...MoneyFields\n            }\n            lines {\n              quantity\n              book {\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MyOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SavedAddressFields on SavedAddress {\n    id\n    name\n    line1\n    line2\n    city\n    region\n    postalCode\n    country\n    isDefault\n  }\n"): typeof import('./graphql').SavedAddressFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAddresses {\n    viewer {\n      addresses {\n        ...SavedAddressFields\n      }\n    }\n  }\n"): typeof import('./graphql').MyAddressesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAddress($input: AddAddressInput!) {\n    addAddress(input: $input) {\n      ...SavedAddressFields\n    }\n  }\n"): typeof import('./graphql').AddAddressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAddress($input: UpdateAddressInput!) {\n    updateAddress(input: $input) {\n      ...SavedAddressFields\n    }\n  }\n"): typeof import('./graphql').UpdateAddressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n"): typeof import('./graphql').RemoveAddressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DealShelf on BookConnection {\n    totalCount\n    edges {\n      percentOff\n      since\n      was {\n        ...MoneyFields\n      }\n      price {\n        ...MoneyFields\n      }\n      node {\n        id\n        isbn13\n        title\n        format\n        authors {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DealShelfFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeDeals($first: Int!) {\n    drops: deals(kind: BIGGEST_DROPS, first: $first) {\n      ...DealShelf\n    }\n    lows: deals(kind: LOWEST_IN_30_DAYS, first: $first) {\n      ...DealShelf\n    }\n    watched: deals(kind: RECENTLY_WATCHED, first: $first) {\n      ...DealShelf\n    }\n  }\n"): typeof import('./graphql').HomeDealsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
