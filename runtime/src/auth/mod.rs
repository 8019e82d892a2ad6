//! Authentication: the credential configured for each security scheme of the API, and OAuth2 client
//! credentials with a cached token that is renewed before it expires.

mod token;

use std::sync::Arc;

use crate::bounds::CallBounds;
use crate::error::AuthError;
use crate::secret::Secret;

pub(crate) use token::TokenSource;

/// What authenticates requests under one security scheme.
#[derive(Clone, Debug)]
pub(crate) enum Credential {
    /// A fixed bearer token.
    Bearer(Secret),
    /// A bearer token fetched with OAuth2 client credentials; shared by the schemes that use the
    /// same token endpoint.
    OAuth2(Arc<TokenSource>),
    Basic {
        user: String,
        password: Secret,
    },
    ApiKey(Secret),
}

/// A credential made ready for one attempt: tokens fetched.
#[derive(Debug)]
pub(crate) enum Ready {
    Bearer(Secret),
    Basic { user: String, password: Secret },
    ApiKey(Secret),
}

impl Credential {
    /// The credential to send now, fetching a token when needed within the call's `bounds`.
    pub async fn ready(&self, bounds: &CallBounds) -> Result<Ready, AuthError> {
        Ok(match self {
            Credential::Bearer(token) => Ready::Bearer(token.clone()),
            Credential::OAuth2(source) => Ready::Bearer(source.token(bounds).await?),
            Credential::Basic { user, password } => Ready::Basic {
                user: user.clone(),
                password: password.clone(),
            },
            Credential::ApiKey(key) => Ready::ApiKey(key.clone()),
        })
    }

    /// Whether a 401 is worth one retry with a fresh token.
    pub fn can_renew(&self) -> bool {
        matches!(self, Credential::OAuth2(_))
    }

    /// Drops `used` after the API refused it, so the next call fetches a new one.
    pub async fn forget(&self, used: &Ready) {
        if let (Credential::OAuth2(source), Ready::Bearer(token)) = (self, used) {
            source.forget(token).await;
        }
    }
}
