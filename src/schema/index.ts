import { builder } from './builder.js';
import './scalars.js';
import './common/money.js';
import './common/error-codes.js';
import './catalog/author.js';
import './catalog/category.js';
import './catalog/book.js';
import './catalog/book-lookup.js';
import './catalog/work.js';
import './catalog/search.js';
import './stores/store.js';
import './pricing/offer.js';
import './pricing/history.js';
import './pricing/deals.js';
import './accounts/user.js';
import './accounts/viewer.js';
import './accounts/addresses.js';
import './orders/order.js';
import './purchases/purchase.js';
import './alerts/alert.js';
import './reports/price-report.js';
import './carts/cart.js';
import './checkout/checkout.js';

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const schema = builder.toSchema({ sortSchema: true });
