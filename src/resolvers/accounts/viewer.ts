/** Who is asking, as read from a valid access token; requests without one have no viewer. */
export interface Viewer {
  userId: number;
  isAdmin: boolean;
  expiresAt?: Date;
}
