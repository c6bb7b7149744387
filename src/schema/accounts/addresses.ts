import type { SavedAddressRow } from '../../resolvers/accounts/address-book.js';
import { builder } from '../builder.js';
import { AddressInput, addressFields } from '../common/address.js';
import { nodeId } from '../common/ids.js';
import { whenSignedOut } from '../errors.js';
import { ViewerRef } from './viewer.js';

export const SavedAddressRef = builder.loadableNode('SavedAddress', {
  description: "An address in the shopper's address book, to check out or buy with by its id (addressId).",
  authScopes: (row: SavedAddressRow) => ({ owner: row.userId }),
  id: { resolve: (row: SavedAddressRow) => row.id, parse: nodeId },
  load: (ids: number[], context) => context.services.addressBook.byIds(ids),
  fields: (t) => ({
    ...addressFields(t, (row) => row.address),
    isDefault: t.exposeBoolean('isDefault', {
      description: "The address checkout and purchaseBook suggest first; exactly one of a shopper's addresses is the default.",
    }),
  }),
});

builder.objectField(ViewerRef, 'addresses', (t) =>
  t.field({
    type: [SavedAddressRef],
    description: 'Your saved addresses, the default first, then the newest.',
    resolve: (viewer, _args, context) => context.services.addressBook.list(viewer.userId),
  }),
);

const AddAddressInput = builder.inputType('AddAddressInput', {
  fields: (t) => ({
    address: t.field({ type: AddressInput, required: true }),
    isDefault: t.boolean({ description: 'Make it the default (your first address always is).' }),
  }),
});

const UpdateAddressInput = builder.inputType('UpdateAddressInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: SavedAddressRef }),
    address: t.field({ type: AddressInput, description: 'The whole address anew (left out: unchanged).' }),
    isDefault: t.boolean({ description: 'true makes it the default; to move the default, set it on another address.' }),
  }),
});

builder.mutationField('addAddress', (t) =>
  t.withAuth({ signedIn: true }).field({
    type: SavedAddressRef,
    description: `Saves an address to your address book (at most 20). BAD_USER_INPUT names the part of the address that is wrong.`,
    args: { input: t.arg({ type: AddAddressInput, required: true }) },
    ...whenSignedOut('Sign in to save addresses.'),
    resolve: (_root, { input }, context) => context.services.addressBook.add(context.viewer.userId, input),
  }),
);

builder.mutationField('updateAddress', (t) =>
  t.withAuth({ signedIn: true }).field({
    type: SavedAddressRef,
    description: 'Changes one of your saved addresses, or makes it the default. Orders already placed keep the address they went to.',
    args: { input: t.arg({ type: UpdateAddressInput, required: true }) },
    ...whenSignedOut('Sign in to change your addresses.'),
    resolve: (_root, { input }, context) => context.services.addressBook.update(context.viewer.userId, input.id.id, input),
  }),
);

builder.mutationField('removeAddress', (t) =>
  t.withAuth({ signedIn: true }).boolean({
    description: 'Removes one of your saved addresses; removing the default makes your newest remaining address the default.',
    args: { id: t.arg.globalID({ required: true, for: SavedAddressRef }) },
    ...whenSignedOut('Sign in to change your addresses.'),
    resolve: async (_root, { id }, context) => {
      await context.services.addressBook.remove(context.viewer.userId, id.id);
      return true;
    },
  }),
);
