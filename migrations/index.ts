import type { Migration } from 'kysely';
import * as catalog from './2026-11-24T10-00-00_catalog.js';
import * as accounts from './2026-11-24T10-10-00_accounts.js';
import * as searchTerms from './2026-11-24T10-20-00_search-terms.js';
import * as storesAndOffers from './2026-11-24T11-00-00_stores-and-offers.js';
import * as purchases from './2026-11-25T10-00-00_purchases.js';
import * as offerAbsences from './2026-11-25T11-00-00_offer-absences.js';
import * as alerts from './2026-11-25T12-00-00_alerts.js';
import * as priceReports from './2026-11-25T13-00-00_price-reports.js';
import * as cartsAndReservations from './2026-11-25T14-00-00_carts-and-reservations.js';
import * as checkouts from './2026-11-25T15-00-00_checkouts.js';
import * as fulfilment from './2026-11-25T16-00-00_fulfilment.js';
import * as workerHeartbeats from './2026-11-25T17-00-00_worker-heartbeats.js';
import * as operatorDisabledStores from './2026-11-25T18-00-00_operator-disabled-stores.js';
import * as checkoutLeases from './2026-11-25T19-00-00_checkout-leases.js';
import * as bookChangeNotices from './2026-12-01T10-00-00_book-change-notices.js';
import * as purchaseAddresses from './2026-12-02T10-00-00_purchase-addresses.js';
import * as keepWatching from './2026-12-02T11-00-00_keep-watching.js';
import * as isbnSearches from './2026-12-05T12-00-00_isbn-searches.js';
import * as watchedBooks from './2026-12-05T13-00-00_watched-books.js';
import * as orderDetails from './2026-12-05T20-00-00_order-details.js';
import * as savedAddresses from './2026-12-05T21-00-00_saved-addresses.js';
import * as guestOrders from './2026-12-05T22-00-00_guest-orders.js';
import * as orderMail from './2026-12-05T23-00-00_order-mail.js';
import * as workDescriptions from './2026-12-06T10-00-00_work-descriptions.js';
import * as bookDeals from './2026-12-06T11-00-00_book-deals.js';
import * as stockChangeNotices from './2026-12-06T12-00-00_stock-change-notices.js';
import * as stockNoticesInChunks from './2026-12-07T03-00-00_stock-notices-in-chunks.js';

/**
 * Every migration, by name. Listed explicitly (not read from disk) so they load the same under tsx,
 * Vitest and any bundler; a test checks that no file in this folder is missing here.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-24T10-00-00_catalog': catalog,
  '2026-11-24T10-10-00_accounts': accounts,
  '2026-11-24T10-20-00_search-terms': searchTerms,
  '2026-11-24T11-00-00_stores-and-offers': storesAndOffers,
  '2026-11-25T10-00-00_purchases': purchases,
  '2026-11-25T11-00-00_offer-absences': offerAbsences,
  '2026-11-25T12-00-00_alerts': alerts,
  '2026-11-25T13-00-00_price-reports': priceReports,
  '2026-11-25T14-00-00_carts-and-reservations': cartsAndReservations,
  '2026-11-25T15-00-00_checkouts': checkouts,
  '2026-11-25T16-00-00_fulfilment': fulfilment,
  '2026-11-25T17-00-00_worker-heartbeats': workerHeartbeats,
  '2026-11-25T18-00-00_operator-disabled-stores': operatorDisabledStores,
  '2026-11-25T19-00-00_checkout-leases': checkoutLeases,
  '2026-12-01T10-00-00_book-change-notices': bookChangeNotices,
  '2026-12-02T10-00-00_purchase-addresses': purchaseAddresses,
  '2026-12-02T11-00-00_keep-watching': keepWatching,
  '2026-12-05T12-00-00_isbn-searches': isbnSearches,
  '2026-12-05T13-00-00_watched-books': watchedBooks,
  '2026-12-05T20-00-00_order-details': orderDetails,
  '2026-12-05T21-00-00_saved-addresses': savedAddresses,
  '2026-12-05T22-00-00_guest-orders': guestOrders,
  '2026-12-05T23-00-00_order-mail': orderMail,
  '2026-12-06T10-00-00_work-descriptions': workDescriptions,
  '2026-12-06T11-00-00_book-deals': bookDeals,
  '2026-12-06T12-00-00_stock-change-notices': stockChangeNotices,
  '2026-12-07T03-00-00_stock-notices-in-chunks': stockNoticesInChunks,
};
