//! Which mount a guest path is in: the mount table and its routing.
//!
//! Owns the namespace above the mounts: the mount points, the directories
//! that lead to them (the *namespace directories*: `/` and every ancestor
//! of a mount point), and how a path walks them. It does not touch any
//! mounted filesystem.
//!
//! # How a path is routed
//!
//! The path is walked component by component from `/`. While the walk is
//! on namespace directories, `.` and `..` apply lexically — exactly, since
//! a namespace directory is never a link, and `..` at a mount point
//! leaves the mount, as on Linux. The first component that leads off the
//! namespace directories enters the mount with the longest point that
//! prefixes the walk (component-wise: `/data` is a prefix of `/data/x`,
//! not of `/database`); the rest of the path, unnormalised, is handed to
//! that mount's filesystem, which resolves it — links and `..` included —
//! *inside* the mount (see `RATIONALE.md`, "Why does `..` not leave a
//! mount once inside it?").

use crate::path::{GuestPath, parse};
use crate::{Errno, FileSystem, Result};

/// One mounted filesystem.
pub(super) struct Mount {
    /// The mount point's components (`[]` for `/`).
    pub(super) point: Vec<String>,
    pub(super) fs: Box<dyn FileSystem>,
    pub(super) read_only: bool,
}

/// Where a path leads.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Route {
    /// Into the mount `index`, at the mount-relative absolute `path`.
    /// `namespace` holds the walk when it ended on a namespace directory
    /// (a mount point, or an ancestor of one inside a covering mount).
    Inner {
        index: usize,
        path: String,
        namespace: Option<Vec<String>>,
    },
    /// A namespace directory no mount covers: read-only, empty but for
    /// the names leading to mount points.
    Synthetic(Vec<String>),
    /// The last component is missing from a synthetic directory.
    Absent,
}

/// The mounts, in the order they were made.
#[derive(Default)]
pub(super) struct Table {
    pub(super) mounts: Vec<Mount>,
}

impl Table {
    /// Adds a mount at `guest_dir`.
    ///
    /// # Errors
    ///
    /// `EINVAL` for a path with `.` or `..` components (or the errors of
    /// path syntax); `EBUSY` if `guest_dir` is a mount point already.
    pub(super) fn add(
        &mut self,
        guest_dir: &str,
        fs: Box<dyn FileSystem>,
        read_only: bool,
    ) -> Result<()> {
        let p = parse(guest_dir)?;
        if p.components.iter().any(|c| *c == "." || *c == "..") {
            return Err(Errno::EINVAL);
        }
        let point: Vec<String> = p.components.iter().map(|c| c.to_string()).collect();
        if self.mounts.iter().any(|m| m.point == point) {
            return Err(Errno::EBUSY);
        }
        self.mounts.push(Mount {
            point,
            fs,
            read_only,
        });
        Ok(())
    }

    /// Whether `walk` is `/` or leads to a mount point (is one, or an
    /// ancestor of one).
    fn is_namespace_dir(&self, walk: &[&str]) -> bool {
        walk.is_empty()
            || self.mounts.iter().any(|m| {
                m.point.len() >= walk.len() && m.point.iter().zip(walk).all(|(a, b)| a == b)
            })
    }

    /// The mount with the longest point that prefixes `walk` (or equals it).
    fn covering(&self, walk: &[&str]) -> Option<usize> {
        self.mounts
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.point.len() <= walk.len() && m.point.iter().zip(walk).all(|(a, b)| a == b)
            })
            .max_by_key(|(_, m)| m.point.len())
            .map(|(index, _)| index)
    }

    /// The names directly under the namespace directory `dir` that lead to
    /// mount points, in mount order, each once.
    pub(super) fn children(&self, dir: &[String]) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for m in &self.mounts {
            if m.point.len() > dir.len() && m.point[..dir.len()] == *dir {
                let name = &m.point[dir.len()];
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
        names
    }

    /// Where `path` leads (see the module docs).
    ///
    /// # Errors
    ///
    /// Those of path syntax; `ENOENT` for a missing directory of a
    /// synthetic directory on the way.
    pub(super) fn route(&self, path: &str) -> Result<Route> {
        let p = parse(path)?;
        self.route_parsed(&p)
    }

    fn route_parsed(&self, p: &GuestPath<'_>) -> Result<Route> {
        let mut walk: Vec<&str> = Vec::new();
        for (i, &component) in p.components.iter().enumerate() {
            match component {
                "." => continue,
                ".." => {
                    walk.pop();
                    continue;
                }
                name => walk.push(name),
            }
            if self.is_namespace_dir(&walk) {
                continue;
            }
            let last = i + 1 == p.components.len();
            return match self.covering(&walk) {
                Some(index) => {
                    let depth = self.mounts[index].point.len();
                    let rest = walk[depth..].iter().chain(&p.components[i + 1..]);
                    let path = mount_path(rest, p.trailing_slash);
                    Ok(Route::Inner {
                        index,
                        path,
                        namespace: None,
                    })
                }
                None if last => Ok(Route::Absent),
                None => Err(Errno::ENOENT),
            };
        }
        let walk: Vec<String> = walk.iter().map(|c| c.to_string()).collect();
        let as_strs: Vec<&str> = walk.iter().map(String::as_str).collect();
        let Some(index) = self.covering(&as_strs) else {
            return Ok(Route::Synthetic(walk));
        };
        let mount = &self.mounts[index];
        let path = mount_path(as_strs[mount.point.len()..].iter(), false);
        // A directory leading to a mount point inside another mount is that
        // mount's directory if it has one, else synthetic (Linux would
        // have refused the mount; here it need not exist).
        let at_point = mount.point.len() == walk.len();
        if !at_point && !mount.fs.metadata(&path, true).is_ok_and(|m| m.is_dir()) {
            return Ok(Route::Synthetic(walk));
        }
        Ok(Route::Inner {
            index,
            path,
            namespace: Some(walk),
        })
    }
}

/// `"/" + components joined`, with a trailing `/` kept.
fn mount_path<'a>(components: impl Iterator<Item = &'a &'a str>, trailing_slash: bool) -> String {
    let mut path = String::new();
    for c in components {
        path.push('/');
        path.push_str(c);
    }
    if path.is_empty() || trailing_slash {
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemFs;

    fn table(points: &[&str]) -> Table {
        let mut t = Table::default();
        for p in points {
            t.add(p, Box::new(MemFs::new()), false).unwrap();
        }
        t
    }

    fn inner(index: usize, path: &str) -> Route {
        Route::Inner {
            index,
            path: path.to_string(),
            namespace: None,
        }
    }

    #[test]
    fn longest_component_prefix_wins() {
        let t = table(&["/", "/data", "/data/cache"]);
        assert_eq!(t.route("/database/x").unwrap(), inner(0, "/database/x"));
        assert_eq!(t.route("/data/x/../y").unwrap(), inner(1, "/x/../y"));
        assert_eq!(t.route("/data/cache/z/").unwrap(), inner(2, "/z/"));
        assert_eq!(t.route("/data/cache/../x").unwrap(), inner(1, "/x"));
        assert_eq!(t.route("/data/../etc").unwrap(), inner(0, "/etc"));
        let at_point = t.route("/data/./").unwrap();
        let namespace = Some(vec!["data".to_string()]);
        let expected = Route::Inner {
            index: 1,
            path: "/".into(),
            namespace,
        };
        assert_eq!(at_point, expected);
    }

    #[test]
    fn directories_above_mounts_are_synthetic() {
        let t = table(&["/srv/data", "/srv/www", "/tmp"]);
        assert_eq!(t.route("/").unwrap(), Route::Synthetic(vec![]));
        assert_eq!(t.route("/srv/..").unwrap(), Route::Synthetic(vec![]));
        assert_eq!(
            t.route("/srv").unwrap(),
            Route::Synthetic(vec!["srv".into()])
        );
        assert_eq!(t.route("/nope").unwrap(), Route::Absent);
        assert_eq!(t.route("/nope/x"), Err(Errno::ENOENT));
        assert_eq!(t.children(&[]), ["srv", "tmp"]);
        assert_eq!(t.children(&["srv".into()]), ["data", "www"]);
    }

    #[test]
    fn a_covering_mount_without_the_directory_shows_it_synthetic() {
        let t = table(&["/", "/srv/www"]);
        assert_eq!(
            t.route("/srv").unwrap(),
            Route::Synthetic(vec!["srv".into()])
        );
        t.mounts[0].fs.create_dir("/srv", 0o755, 0).unwrap();
        let namespace = Some(vec!["srv".to_string()]);
        let covered = Route::Inner {
            index: 0,
            path: "/srv".into(),
            namespace,
        };
        assert_eq!(t.route("/srv").unwrap(), covered);
    }

    #[test]
    fn bad_mount_points_are_refused() {
        let mut t = table(&["/data"]);
        let fs = || Box::new(MemFs::new());
        assert_eq!(t.add("/data", fs(), true), Err(Errno::EBUSY));
        assert_eq!(t.add("/data/../x", fs(), true), Err(Errno::EINVAL));
        assert_eq!(t.add("relative", fs(), true), Err(Errno::EINVAL));
        assert_eq!(t.add("", fs(), true), Err(Errno::ENOENT));
    }
}
