// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_ATOMIC_FILE_HPP
#define BOOST_TEMPFILE_ATOMIC_FILE_HPP
#pragma once

// Writing a new version of a file so that every reader, and the file system
// after a crash, sees either the old content or the new one, never a mix:
//
//     boost::tempfile::atomic_file f("/etc/app.conf");   // .app.conf.k3x9q2ztab.tmp beside it, 0600
//     f.stream() << new_config;
//     f.commit();   // flush, fsync, final mode, rename over the target, fsync the directory
//
// The new content goes to a hidden temporary file created exclusively and
// privately (0600, or an owner-only DACL on Windows) in the target's own
// directory -- a rename is atomic only within one file system, and the
// directory is the one place certain to be on the target's. commit() gives
// it its final mode, makes it durable, and renames it over the target; a
// reader holding the old file open keeps reading the old content (the new
// one is another file). Until commit() succeeds the target is never
// touched: cancel(), a failed commit, and the end of an uncommitted object
// remove the temporary file. A process killed at any moment leaves the
// target whole, old or new; it may leave its hidden ".<target>.*.tmp"
// behind, which is safe to delete.
//
// The target's directory is opened once, at construction, and held for the
// object's life (every POSIX step is relative to its descriptor; on Windows
// it cannot be renamed meanwhile), so that the temporary file and the rename
// cannot land in different places. A symlink at the target is replaced, not
// followed, and counts as no target: what it leads to never chooses the
// published mode or owner (a planted link to /dev/null would otherwise
// publish 0666). atomic_options().follow_symlinks() writes the file the link
// leads to instead (dotfile managers). The new file belongs to the writing
// user and group, unless atomic_options().keep_owner() gives it the
// target's; ACLs and extended attributes of the old file are not carried
// over, and neither are the set-user-ID, set-group-ID and sticky bits --
// nothing atomic_file publishes ever carries S_ISUID or S_ISGID.
//
// Policies:
//   Mode        the published file's permission bits: copy_target_mode
//               (default), fixed_mode<0644>, umask_mode, or your own (see
//               mode_context below for the contract). Never 04000 or 02000:
//               fixed_mode refuses them at compile time, commit() refuses a
//               run-time policy giving them.
//   Durability  which syncs commit() makes: full_sync (default: the file
//               before the rename, the directory after it) or no_sync.
//               Contract: static constexpr bool sync_file, sync_directory;
//               a policy syncing the directory must sync the file too.
//   Naming      the temporary name (random_name<> by default), given the
//               prefix ".<target>." and suffix ".tmp" (pattern_name: the
//               pattern ".<target>.XXXXXXXXXX.tmp", the name escaped).
//   Platform    native_platform, or a wrapper such as
//               fault_injecting_platform<native_platform>.
//
// One class for every system: what differs (descriptor or HANDLE, rename
// relative to a directory or through the file's handle, modes or DACLs) is
// in the operations of detail/publish.hpp. See doc/platforms.adoc.
//
// Errors follow Boost.Filesystem: each fallible operation throws
// filesystem_error whose path1() is the target (path2(), when given, is the
// other path involved: the directory, or the temporary file for a failed
// rename), or reports through an error_code& overload. The error_code
// forms throw nothing but std::bad_alloc.
//
// The stream handed out by stream() lives as long as the object (a move
// takes it along): after commit(), cancel() or a failure it stays valid, in
// a failed state, and touches no file.
//
// An object belongs to the process that created it. In a child made by
// fork() its copy is inert: commit() and cancel() fail with
// operation_not_permitted and change nothing on disk, stream() returns a
// stream that cannot write, native_handle() does not write out the stream,
// and the destructor closes the child's descriptors without writing the
// parent's buffered content and without removing the temporary file. (The
// descriptor is shared with the parent: a write or a rename from the child
// would land in, or publish, the parent's half-written file.)

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/fd_stream.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/detail/publish.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/core/no_exceptions_support.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <cerrno>
#include <cstddef>
#include <iostream>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace boost {
namespace tempfile {

template< typename Mode, typename Durability, typename Naming, typename Platform >
class basic_atomic_file;

//! What commit() lets a mode policy know about the target. Mode policy
//! contract (checked at compile time):
//!     nothrow default- and move-constructible;
//!     mode_type final_mode(const mode_context&) const noexcept;   // static is fine
//! returning the published file's permission bits (07777 only; commit()
//! fails with invalid_argument otherwise). Each question costs a system call
//! the first time it is asked and nothing after, so a policy pays only for
//! what it asks. When a question cannot be answered (say the target cannot
//! be stat'ed), the answer is a harmless default and commit() fails with
//! that error, whatever the policy returns. A policy giving S_ISUID or
//! S_ISGID (04000, 02000) makes commit() fail with operation_not_permitted.
//!
//! "The target" is the file commit() replaces: what is at the target's name
//! -- or, with atomic_options().follow_symlinks(), at the end of the links
//! there. A symlink that is not followed is no target: commit() replaces the
//! link itself, and what the link leads to must not choose what is
//! published (a link planted to /dev/null, 0666, or to a setuid program).
class mode_context
{
public:
    //! Whether a file is at the target's name (a symlink there, not
    //! followed, counts as none: it is what commit() replaces).
    bool target_exists() const noexcept
    {
        look_at_target();
        return facts_.exists;
    }

    //! Permission bits (07777) of the existing target, as they are: the
    //! set-user-ID, set-group-ID and sticky bits included (copy_target_mode
    //! leaves them out); 0 when there is none.
    mode_type target_mode() const noexcept
    {
        look_at_target();
        return facts_.exists ? facts_.mode : 0u;
    }

    //! What open(O_CREAT, 0666) would give a new file in the target's
    //! directory: 0666 less the process umask, or where the directory has a
    //! default ACL (which replaces the umask on Linux), what that ACL gives.
    //! The umask is read without changing it (from /proc/self/status on
    //! Linux) when the directory is known to have no default ACL (its
    //! system.posix_acl_default attribute); otherwise a probe file is
    //! created with 0666, looked at, and removed: the truth, whatever decides
    //! it. Committing with this mode also gives the new file the ACL a plain
    //! create would (the directory's default ACL, masked by the mode).
    //! Windows has no umask: 0666.
    mode_type new_file_mode() const noexcept
    {
        if (!new_mode_known_)
        {
            new_mode_known_ = true;
            if (const int e = hooks_.new_file_mode(hooks_.owner, new_mode_))
            {
                new_mode_ = 0600;
                note(e, failure::new_file_mode);
            }
        }
        return new_mode_;
    }

private:
    template< typename, typename, typename, typename >
    friend class basic_atomic_file;

    enum class failure { none, target, new_file_mode };

    struct hooks
    {
        int (*look_at_target)(const void* owner, detail::target_facts& facts) noexcept;
        int (*new_file_mode)(const void* owner, mode_type& mode) noexcept;
        const void* owner;
    };

    explicit mode_context(const hooks& h) noexcept : hooks_(h) {}

    void look_at_target() const noexcept
    {
        if (target_known_)
            return;
        target_known_ = true;
        if (const int e = hooks_.look_at_target(hooks_.owner, facts_))
        {
            facts_ = detail::target_facts();
            note(e, failure::target);
        }
    }

    void note(int e, failure what) const noexcept
    {
        if (error_ == 0)
        {
            error_ = e;
            failed_ = what;
        }
    }

    hooks hooks_;
    mutable detail::target_facts facts_;
    mutable bool target_known_ = false, new_mode_known_ = false;
    mutable mode_type new_mode_ = 0;
    mutable int error_ = 0;
    mutable failure failed_ = failure::none;
};

//! The default mode policy: an existing target's read, write and execute
//! bits (0777) carry over (a 0640 file stays 0640); a new target -- or a
//! symlink that is not followed -- gets what a newly created file would
//! (0666 less the umask, or the directory's default ACL). The set-user-ID
//! and set-group-ID bits never carry over: the new file belongs to the
//! writer, so 04755 on a user's file would become a setuid program of
//! whoever rewrites it (root, for a system service). The sticky bit does not
//! either: it means nothing on a regular file on Linux, and the BSDs refuse
//! it to everyone but root (EFTYPE), which would fail commit(). On Windows
//! the target's read-only attribute and DACL carry over.
struct copy_target_mode
{
    static mode_type final_mode(const mode_context& c) noexcept
    {
        return c.target_exists() ? c.target_mode() & 0777u : c.new_file_mode();
    }
};


//! Exactly Mode, whatever the target had and whatever the umask. Mode must
//! not hold S_ISUID or S_ISGID (checked at compile time): atomic_file never
//! publishes a file that carries privilege.
template< mode_type Mode >
struct fixed_mode
{
    static_assert((Mode & ~07777u) == 0,
                  "boost::tempfile::fixed_mode<Mode>: Mode holds only permission bits (07777), e.g. 0644; "
                  "file type bits such as S_IFREG (0100000) do not belong there");
    static_assert((Mode & ~07777u) != 0 || (Mode & 06000u) == 0,
                  "boost::tempfile::fixed_mode<Mode>: Mode must not hold 04000 (S_ISUID) or 02000 (S_ISGID): "
                  "atomic_file never publishes a set-user-ID or set-group-ID file (it would run with the "
                  "privileges of whoever commits it)");
    static constexpr mode_type mode = Mode;
    static mode_type final_mode(const mode_context&) noexcept { return Mode; }
};

//! What a plain create would give (0666 less the umask, or the directory's
//! default ACL), even when the target had other bits: the target's mode is
//! not looked at.
struct umask_mode
{
    static mode_type final_mode(const mode_context& c) noexcept { return c.new_file_mode(); }
};

//! The default durability policy: the content reaches the disk before the
//! rename (so a crash can never publish a name over lost content), and the
//! directory after it (so the new name itself survives a crash).
struct full_sync
{
    static constexpr bool sync_file = true;
    static constexpr bool sync_directory = true;
};

//! No fsync at all: readers still see old or new content, never a mix, but
//! after a power loss the target may hold old content, or on some file
//! systems an empty file. For scratch data that is cheap to rebuild.
struct no_sync
{
    static constexpr bool sync_file = false;
    static constexpr bool sync_directory = false;
};

namespace detail {

template< typename M, typename = void >
struct has_final_mode : std::false_type
{
    static constexpr bool is_noexcept = false;
};
template< typename M >
struct has_final_mode< M, void_t< decltype(std::declval< const M& >().final_mode(std::declval< const mode_context& >())) > >
    : std::integral_constant< bool, std::is_convertible< decltype(std::declval< const M& >().final_mode(
                                                             std::declval< const mode_context& >())),
                                                         mode_type >::value >
{
    static constexpr bool is_noexcept =
        noexcept(std::declval< const M& >().final_mode(std::declval< const mode_context& >()));
};

//! fixed_mode reports a bad Mode itself; clang then sees no final_mode() in
//! it, which must not give a second message.
template< typename M >
struct is_fixed_mode : std::false_type
{
};
template< mode_type Mode >
struct is_fixed_mode< fixed_mode< Mode > > : std::true_type
{
};

template< typename M >
struct check_mode_policy
{
    static constexpr bool own_check = is_fixed_mode< M >::value;
    static_assert(own_check || std::is_nothrow_default_constructible< M >::value,
                  "boost::tempfile::basic_atomic_file: a mode policy must be nothrow default-constructible");
    static_assert(own_check || std::is_nothrow_move_constructible< M >::value,
                  "boost::tempfile::basic_atomic_file: a mode policy must be nothrow move-constructible");
    static_assert(own_check || has_final_mode< M >::value,
                  "boost::tempfile::basic_atomic_file: a mode policy needs `mode_type final_mode(const "
                  "boost::tempfile::mode_context&) const noexcept` (static is fine) giving the published file's "
                  "mode; permission policies such as owner_only are for temporary files: use copy_target_mode, "
                  "fixed_mode<0644> or umask_mode");
    static_assert(own_check || !has_final_mode< M >::value || has_final_mode< M >::is_noexcept,
                  "boost::tempfile::basic_atomic_file: a mode policy's final_mode() must be noexcept: commit() "
                  "calls it between writing the content and publishing it");
    static constexpr bool value = true;
    static constexpr bool valid = std::is_nothrow_default_constructible< M >::value &&
                                  std::is_nothrow_move_constructible< M >::value && has_final_mode< M >::value &&
                                  has_final_mode< M >::is_noexcept;
};

template< typename D, typename = void >
struct has_sync_flags : std::false_type
{
    static constexpr bool sync_file = true, sync_directory = true;
};
template< typename D >
struct has_sync_flags< D, void_t< std::integral_constant< bool, static_cast< bool >(D::sync_file) >,
                                  std::integral_constant< bool, static_cast< bool >(D::sync_directory) > > >
    : std::true_type
{
    static constexpr bool sync_file = static_cast< bool >(D::sync_file);
    static constexpr bool sync_directory = static_cast< bool >(D::sync_directory);
};

template< typename D >
struct check_durability
{
    static_assert(has_sync_flags< D >::value,
                  "boost::tempfile::basic_atomic_file: a durability policy needs `static constexpr bool sync_file` "
                  "(fsync the new content before the rename) and `static constexpr bool sync_directory` (fsync "
                  "the directory after it): use full_sync or no_sync");
    static_assert(!has_sync_flags< D >::sync_directory || has_sync_flags< D >::sync_file,
                  "boost::tempfile::basic_atomic_file: a durability policy that syncs the directory must sync the "
                  "file too: otherwise a crash can leave the new name durable over content that never reached the "
                  "disk (an empty or partial target)");
    static constexpr bool value = true;
    static constexpr bool valid =
        has_sync_flags< D >::value && (!has_sync_flags< D >::sync_directory || has_sync_flags< D >::sync_file);
};

} // namespace detail

//! Run-time choices of an atomic_file (a value; each setter returns *this):
//!
//!     atomic_file f(path, atomic_options().follow_symlinks().keep_owner());
//!
//! follow_symlinks: when the target is a symlink, write the file it leads to
//!   (through every link of a chain, relative links from the directory that
//!   holds them, as the kernel resolves them), in that file's directory; the
//!   link stays. Resolved at construction: target_path() is the file
//!   written. A link that leads to nothing is refused (no_such_file_or_directory)
//!   rather than creating a file wherever it points; more than 40 links,
//!   too_many_symbolic_link_levels. For links the caller trusts (a dotfile
//!   manager's); without it the link itself is replaced.
//! keep_owner: the published file gets the target's owner and group (fchown
//!   before the rename; on Windows the owner and primary group SIDs). Only
//!   where the caller may give them -- root, or an owner giving a group it
//!   belongs to; on Windows another user's SID needs SeRestorePrivilege
//!   enabled -- else commit() fails with operation_not_permitted and the
//!   target is untouched: the option is never silently dropped. No target
//!   (or a symlink not followed): the writer's, as without the option.
//! no_clobber: commit() does not replace a target that exists by then, as
//!   commit(no_clobber) (the no_clobber constructors are the same).
class atomic_options
{
public:
    atomic_options& follow_symlinks(bool on = true) noexcept
    {
        follow_symlinks_ = on;
        return *this;
    }
    atomic_options& keep_owner(bool on = true) noexcept
    {
        keep_owner_ = on;
        return *this;
    }
    atomic_options& no_clobber(bool on = true) noexcept
    {
        no_clobber_ = on;
        return *this;
    }

    bool follows_symlinks() const noexcept { return follow_symlinks_; }
    bool keeps_owner() const noexcept { return keep_owner_; }
    //! False when no_clobber was asked for.
    bool replaces_existing() const noexcept { return !no_clobber_; }

private:
    bool follow_symlinks_ = false;
    bool keep_owner_ = false;
    bool no_clobber_ = false;
};

//! Owns a temporary file beside a target until commit() puts it at the
//! target's name (see the top of this file). Move-only; a function that
//! returns one hands over a temporary file that is removed if the result is
//! dropped, hence [[nodiscard]].
template< typename Mode = copy_target_mode, typename Durability = full_sync, typename Naming = random_name<>,
          typename Platform = native_platform >
class [[nodiscard]] basic_atomic_file
    : private boost::empty_value<
          typename std::conditional< detail::check_mode_policy< Mode >::valid, Mode, copy_target_mode >::type >
{
    static_assert(detail::check_mode_policy< Mode >::value);
    static_assert(detail::check_durability< Durability >::value);
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_platform< Platform >::value);

    // The policies used: one that failed its check above is replaced by the
    // default, so that one mistake gives one message, not a cascade.
    using used_mode =
        typename std::conditional< detail::check_mode_policy< Mode >::valid, Mode, copy_target_mode >::type;
    using used_durability =
        typename std::conditional< detail::check_durability< Durability >::valid, Durability, full_sync >::type;
    using used_naming = typename std::conditional< detail::has_generate< Naming >::value &&
                                                       std::is_default_constructible< Naming >::value,
                                                   Naming, random_name<> >::type;
    using used_platform = typename std::conditional< is_platform< Platform >::value, Platform, native_platform >::type;
    using handle_type = typename detail::handle_type_of< used_platform >::type;

    static constexpr const char* who = "boost::tempfile::atomic_file";

public:
    using mode_policy_type = Mode;
    using durability_type = Durability;
    using naming_type = Naming;
    using platform_type = Platform;
    using native_handle_type = handle_type;

    //! Creates the temporary file beside `target` (which need not exist;
    //! its directory must). Throws filesystem_error naming the target.
    explicit basic_atomic_file(const filesystem::path& target) { create(target, atomic_options(), nullptr); }

    //! As above; on failure sets ec and leaves the object without a file.
    basic_atomic_file(const filesystem::path& target, system::error_code& ec)
    {
        create(target, atomic_options(), &ec);
    }

    //! As above, with the run-time choices of `opts`.
    basic_atomic_file(const filesystem::path& target, const atomic_options& opts) { create(target, opts, nullptr); }
    basic_atomic_file(const filesystem::path& target, const atomic_options& opts, system::error_code& ec)
    {
        create(target, opts, &ec);
    }

    //! As above, and commit() will not replace a target that exists by then
    //! (as commit(no_clobber) does): atomic_options().no_clobber().
    basic_atomic_file(const filesystem::path& target, no_clobber_t)
    {
        create(target, atomic_options().no_clobber(), nullptr);
    }
    basic_atomic_file(const filesystem::path& target, no_clobber_t, system::error_code& ec)
    {
        create(target, atomic_options().no_clobber(), &ec);
    }

    //! Takes the temporary file, the stream (its address unchanged) and the
    //! state; `other` is left owning nothing.
    basic_atomic_file(basic_atomic_file&& other) noexcept
        : boost::empty_value< used_mode >(boost::empty_init_t(), std::move(other.mode_policy()))
    {
        take(other);
    }

    basic_atomic_file& operator=(basic_atomic_file&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            mode_policy() = std::move(other.mode_policy());
            take(other);
        }
        return *this;
    }

    basic_atomic_file(const basic_atomic_file&) = delete;
    basic_atomic_file& operator=(const basic_atomic_file&) = delete;

    //! Without a successful commit(): the target is untouched and the
    //! temporary file removed (by the creating process only). Never throws.
    ~basic_atomic_file() { dispose(); }

    //! The absolute path of the file being replaced (with follow_symlinks,
    //! the file the link leads to).
    const filesystem::path& target_path() const noexcept { return target_; }

    //! The absolute path of the temporary file; empty once it is gone
    //! (committed, cancelled, failed) or if creation failed.
    const filesystem::path& temp_path() const noexcept { return temp_; }

    //! Whether new content can still be written and committed.
    bool is_open() const noexcept { return file_ != invalid(); }

    //! Whether commit() has put the new content at the target.
    bool committed() const noexcept { return state_ == state::committed; }

    //! Whether a plain commit() replaces an existing target (false when
    //! constructed with no_clobber).
    bool replaces_existing() const noexcept { return options_.replaces_existing(); }

    //! The temporary file's descriptor (a HANDLE on Windows), after the
    //! stream's buffer is written out and its position made the handle's.
    //! The invalid handle (-1, INVALID_HANDLE_VALUE) when not open. In a
    //! forked child the stream is not written out (its buffer holds the
    //! parent's content). Not owned by the caller: valid until commit(),
    //! cancel() or the end of the object.
    native_handle_type native_handle()
    {
        if (stream_ && is_open() && created_here())
            stream_->buffer().pubsync();
        return file_;
    }

    //! A std::iostream over the temporary file (binary, buffered; it may be
    //! read back too). Write errors are kept and reported by commit(). The
    //! same object for the whole life of the atomic_file (a move takes it
    //! along): after commit(), cancel() or a failure it stays valid in a
    //! failed state (badbit, for good) and touches no file. On an object
    //! without a file (creation failed, moved from) or in a forked child: a
    //! stream in that failed state, not a throw (only bad_alloc may escape).
    std::iostream& stream()
    {
        if (!stream_)
        {
            const bool live = is_open() && created_here();
            stream_.reset(new detail::fd_stream< used_platform >(live ? file_ : invalid()));
            if (!live)
                detach_stream();
        }
        else if (!created_here())
            detach_stream(); // the child's copy; the parent's stream is untouched
        return *stream_;
    }

    //! Publishes the new content: writes out the stream, sets the final mode
    //! (Mode policy) and, with keep_owner, the owner; syncs the file
    //! (Durability), renames it over the target, syncs the directory
    //! (Durability). A failure before the rename leaves the target untouched
    //! and removes the temporary file; either way the object is done
    //! (is_open() is false): start a new one to try again. A failure after the
    //! rename (the directory sync; with the link fallback, removing the
    //! temporary name) is reported with the new content already in place:
    //! committed() tells which. After a commit, a cancel or a failed commit,
    //! or on an object without a file: operation_not_permitted saying which,
    //! nothing changed. In a forked child: operation_not_permitted, and
    //! nothing changes on disk.
    void commit() { commit_impl(!options_.replaces_existing(), "::commit", nullptr); }
    void commit(system::error_code& ec) { commit_impl(!options_.replaces_existing(), "::commit", &ec); }

    //! As commit(), but fails with "file exists" (EEXIST, ERROR_FILE_EXISTS;
    //! target untouched, temporary file removed) if the target exists:
    //! renameat2(RENAME_NOREPLACE), where the kernel or file system lacks it a
    //! hard link then an unlink; on Windows a rename through the handle that
    //! does not replace.
    void commit(no_clobber_t) { commit_impl(true, "::commit(no_clobber)", nullptr); }
    void commit(no_clobber_t, system::error_code& ec) { commit_impl(true, "::commit(no_clobber)", &ec); }

    //! Drops the new content: closes and removes the temporary file; the
    //! target is untouched. A failed removal is reported and the object keeps
    //! the temporary name: a later cancel() or the destructor tries again.
    //! After a failed commit it removes what the commit could not, and
    //! succeeds when nothing is left. When the object owns no temporary file
    //! (after a commit or a cancel, or on an object without a file):
    //! operation_not_permitted, "no longer owns", nothing removed. In a
    //! forked child: operation_not_permitted, and nothing changes on disk
    //! (the parent's temporary file stays).
    void cancel() { cancel_impl(nullptr); }
    void cancel(system::error_code& ec) { cancel_impl(&ec); }

    //! The mode policy object (for policies with run-time state).
    used_mode& mode_policy() noexcept { return boost::empty_value< used_mode >::get(); }
    const used_mode& mode_policy() const noexcept { return boost::empty_value< used_mode >::get(); }

    void swap(basic_atomic_file& other) noexcept
    {
        basic_atomic_file tmp(std::move(other));
        other = std::move(*this);
        *this = std::move(tmp);
    }

private:
    enum class state
    {
        empty,     // never made (creation failed) or moved from
        writing,   // the temporary file is open
        committed, // published
        cancelled, // dropped by cancel()
        failed     // a commit failed before publishing
    };

    static handle_type invalid() noexcept { return detail::handle_type_of< used_platform >::invalid(); }

    detail::publish_names names() const noexcept
    {
        return detail::publish_names{target_, target_name_.c_str(), temp_, temp_name_.c_str()};
    }

    //! Whether a name can be a target: not empty, ".", "..", nor a path that
    //! ends with a separator ("dir/").
    static bool valid_target(const filesystem::path& target, const detail::path_string& name) noexcept
    {
        const bool dots = (name.size() == 1 && name[0] == '.') || (name.size() == 2 && name[0] == '.' && name[1] == '.');
        return !name.empty() && !dots && !detail::is_separator(target.native().back());
    }

    //! Refuses a name that cannot be a target, or is longer than any file
    //! system takes (refused here rather than by the first system call that
    //! meets it at commit(), after the content was written). False: reported.
    static bool check_target(const filesystem::path& target, const filesystem::path& shown,
                             system::error_code* ec)
    {
        const detail::path_string name = target.empty() ? detail::path_string() : target.filename().native();
        if (target.empty() || !valid_target(target, name))
        {
            detail::report(detail::errc_code(system::errc::invalid_argument),
                           std::string(who) + ": the target must name a file (not a directory such as \"dir/\", "
                                              "\".\" or \"..\")",
                           shown, ec);
            return false;
        }
        if (name.size() > detail::publish_max_name)
        {
            detail::report(detail::errc_code(system::errc::filename_too_long),
                           std::string(who) + ": the target's file name is too long (" + std::to_string(name.size()) +
                               (sizeof(detail::path_char) == 1 ? " bytes" : " UTF-16 code units") +
                               "; a file name holds at most " + std::to_string(detail::publish_max_name) + ")",
                           shown, ec);
            return false;
        }
        return true;
    }

    void create(const filesystem::path& target, const atomic_options& opts, system::error_code* ec)
    {
        options_ = opts;
        if (!check_target(target, target, ec))
            return;
        filesystem::path absolute = target;
        if (!absolute.is_absolute())
        {
            system::error_code cwd_ec;
            const filesystem::path cwd = filesystem::current_path(cwd_ec);
            if (cwd_ec)
            {
                detail::report(cwd_ec, std::string(who) + ": cannot make the target absolute: no current directory",
                               target, ec);
                return;
            }
            absolute = filesystem::absolute(target, cwd);
        }
        if (opts.follows_symlinks())
        {
            filesystem::path resolved;
            bool dangling = false;
            int err = 0;
            if (!detail::publish_follow_target(used_platform{}, absolute, resolved, dangling, err))
            {
                detail::report(detail::errno_code(err),
                               std::string(who) + (dangling ? ": the symlink at the target leads to nothing "
                                                              "(follow_symlinks writes only a file a link leads to)"
                                                            : ": cannot follow the symlink at the target"),
                               absolute, ec);
                return;
            }
            if (!check_target(resolved, absolute, ec))
                return;
            absolute = std::move(resolved);
        }
        const filesystem::path dir = absolute.parent_path();
        int err = 0;
        handle_type dir_handle = detail::publish_open_dir(used_platform{}, dir.c_str(), err);
        if (dir_handle == invalid())
        {
            detail::report(detail::errno_code(err),
                           std::string(who) + ": cannot open the target's directory" +
                               detail::publish_dir_hint(used_platform{}, err),
                           absolute, dir, ec);
            return;
        }
        const detail::path_string name = absolute.filename().native();
        detail::path_string full;
        system::error_code create_ec;
        handle_type file = invalid();
        BOOST_TRY
        {
            detail::publish_security security;
            if (!security.init(err))
                create_ec = detail::errno_code(err);
            else
                detail::create_unique_entry< used_naming >(
                    temp_options(detail::publish_shown_name(name), dir, ".tmp"), dir,
                    [&file, &security, dir_handle](const detail::path_char* p, int& e) noexcept {
                        file = detail::publish_create_temp(used_platform{}, dir_handle, p, security, e);
                        return file != invalid();
                    },
                    full, who, "the temporary file", &create_ec);
        }
        BOOST_CATCH(...)
        {
            abandon(file, dir_handle, full);
            BOOST_RETHROW
        }
        BOOST_CATCH_END
        if (file == invalid())
        {
            detail::publish_close(used_platform{}, dir_handle);
            detail::report(create_ec, std::string(who) + ": cannot create the temporary file beside the target",
                           absolute, dir, ec);
            return;
        }
        if (!detail::publish_name_fits(used_platform{}, dir_handle, name.c_str(), detail::last_component(full.c_str())))
        {
            abandon(file, dir_handle, full);
            detail::report(detail::errno_code(ENAMETOOLONG),
                           std::string(who) + ": the target's file name is too long for its file system", absolute,
                           dir, ec);
            return;
        }
        BOOST_TRY
        {
            temp_name_ = detail::last_component(full.c_str());
            target_name_ = name;
        }
        BOOST_CATCH(...)
        {
            abandon(file, dir_handle, full);
            BOOST_RETHROW
        }
        BOOST_CATCH_END
        temp_ = detail::adopt_name(full, [file, dir_handle, &full]() noexcept { abandon(file, dir_handle, full); });
        detail::publish_identify_temp(used_platform{}, file, id_);
        file_ = file;
        dir_ = dir_handle;
        owns_temp_ = true;
        state_ = state::writing;
        generation_ = detail::fork_generation();
        target_ = std::move(absolute);
        detail::clear(ec);
    }

    //! Undoes a creation that cannot be completed: the temporary file (if
    //! made) is removed through its handle, both handles closed. No allocation.
    static void abandon(handle_type file, handle_type dir, const detail::path_string& full) noexcept
    {
        if (file != invalid())
        {
            static const filesystem::path none;
            const detail::publish_names n{none, nullptr, none, detail::last_component(full.c_str())};
            const detail::file_identity unknown;
            int ignored = 0;
            detail::publish_remove_temp(used_platform{}, file, dir, n, unknown, ignored);
        }
        detail::publish_close(used_platform{}, dir);
    }

    //! The options the naming policy gets: prefix ".<target>." and suffix
    //! (random_name), or that as a pattern with the target's name escaped, so
    //! that a backslash, '%' or run of X in it stays text (pattern_name). A
    //! policy of the user's sees all three.
    static options temp_options(const std::string& shown, const filesystem::path& dir, const char* suffix)
    {
        options opts;
        opts.dir(dir);
        if constexpr (!detail::reads_pattern< used_naming >::value)
            opts.prefix("." + shown + ".").suffix(suffix);
        if constexpr (!detail::is_random_name< used_naming >::value)
            opts.pattern(escape_pattern("." + shown + ".") + "XXXXXXXXXX" + suffix);
        return opts;
    }

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    //! Why there is nothing to commit or cancel.
    const char* why_done() const noexcept
    {
        switch (state_)
        {
        case state::committed:
            return "already committed to the target";
        case state::cancelled:
            return "the new content was cancelled";
        case state::failed:
            return "an earlier commit failed and removed it (start a new atomic_file to try again)";
        default:
            return "it was moved from, or its creation failed";
        }
    }

    void commit_impl(bool keep_existing, const char* op, system::error_code* ec)
    {
        const std::string what = std::string(who) + op;
        if (state_ != state::writing)
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           what + ": nothing to commit: " + why_done(), target_, ec);
            return;
        }
        if (!created_here())
            return refuse_in_child(what, ec);
        if (stream_)
        {
            const int e = stream_->sync_and_error();
            detach_stream();
            if (e != 0)
                return fail(e, what + ": cannot write the new content", false, ec);
        }

        const mode_context::hooks hooks{&look_at_target_hook, &new_file_mode_hook, this};
        const mode_context context(hooks);
        const mode_type new_mode = mode_policy().final_mode(context);
        if (options_.keeps_owner())
            context.look_at_target();
        if (context.error_ != 0)
            return fail(context.error_,
                        what + (context.failed_ == mode_context::failure::target
                                    ? ": cannot read the target's mode"
                                    : ": cannot find the mode a new file gets (the umask)"),
                        false, ec);
        if ((new_mode & ~07777u) != 0)
            return fail(detail::errc_code(system::errc::invalid_argument),
                        what + ": the mode policy gave bits outside 07777", ec);
        if ((new_mode & 06000u) != 0)
            return fail(detail::errc_code(system::errc::operation_not_permitted),
                        what + ": the mode policy gave the set-user-ID or set-group-ID bit (04000, 02000): "
                               "atomic_file never publishes a file that carries privilege",
                        ec);
        const detail::publish_names n = names();
        int err = 0;
        // The owner before the mode: a change of owner may clear mode bits.
        if (options_.keeps_owner() && context.facts_.exists &&
            !detail::publish_set_owner(used_platform{}, file_, dir_, n, context.facts_, err))
            return fail(err, what + ": cannot give the new content the target's owner and group", false, ec);
        const bool copied = context.target_known_ && context.facts_.exists && new_mode == context.facts_.mode;
        if (!detail::publish_set_mode(used_platform{}, file_, dir_, n, new_mode, copied ? &context.facts_ : nullptr,
                                      err))
            return fail(err, what + ": cannot set the new content's mode", false, ec);
        if constexpr (detail::has_sync_flags< used_durability >::sync_file)
        {
            if (!detail::publish_sync_file(used_platform{}, file_, err))
                return fail(err, what + ": cannot sync the new content to disk", false, ec);
        }

        const detail::publish_outcome moved = detail::publish_move(used_platform{}, file_, dir_, n, keep_existing);
        if (moved.stage == detail::publish_outcome::not_closed)
            return fail(moved.error, what + ": cannot close the new content", false, ec);
        if (moved.stage == detail::publish_outcome::refused)
            return fail(moved.error, what + detail::publish_rename_hint(used_platform{}, moved.error, keep_existing),
                        true, ec);
        state_ = state::committed;
        if (moved.stage == detail::publish_outcome::name_left)
        {
            // The temporary name is a second link to the published content:
            // still owned, so that cancel() or the destructor retries.
            detail::report(detail::errno_code(moved.error),
                           what + ": the new content is in place, but its temporary name could not be removed",
                           target_, temp_, ec);
            return;
        }
        owns_temp_ = false;
        temp_.clear();
        const detail::finish_failure finished = detail::publish_finish(
            used_platform{}, file_, dir_, detail::has_sync_flags< used_durability >::sync_directory, err);
        if (finished != detail::finish_failure::none)
        {
            detail::report(detail::errno_code(err),
                           what + ": the new content is in place, but " +
                               detail::publish_finish_text(used_platform{}, finished) +
                               (finished == detail::finish_failure::sync ? ": the change may not survive a crash"
                                                                         : ""),
                           target_, ec);
            return;
        }
        detail::clear(ec);
    }

    //! A failed commit step before the rename: drop everything, keep the
    //! target, report. The temporary file's path is named too when
    //! `both_paths` (the rename: which two files were involved matters).
    void fail(int e, const std::string& what, bool both_paths, system::error_code* ec)
    {
        const filesystem::path temp = temp_;
        state_ = state::failed;
        discard();
        if (both_paths)
            detail::report(detail::errno_code(e), what, target_, temp, ec);
        else
            detail::report(detail::errno_code(e), what, target_, ec);
    }

    //! The same for a condition the library decided (generic_category).
    void fail(system::error_code code, const std::string& what, system::error_code* ec)
    {
        state_ = state::failed;
        discard();
        detail::report(code, what, target_, ec);
    }

    //! Closes and removes the temporary file. False (err set) when the name
    //! could not be removed: the object then still owns it, and cancel() or
    //! the destructor tries again.
    bool discard(int* error = nullptr) noexcept
    {
        detach_stream();
        if (owns_temp_)
        {
            int err = 0;
            if (!detail::publish_remove_temp(used_platform{}, file_, dir_, names(), id_, err))
            {
                if (error)
                    *error = err;
                return false;
            }
            owns_temp_ = false;
            temp_.clear();
        }
        detail::publish_close(used_platform{}, file_);
        detail::publish_close(used_platform{}, dir_);
        return true;
    }

    void cancel_impl(system::error_code* ec)
    {
        const std::string what = std::string(who) + "::cancel";
        if (!owns_temp_ && !is_open() && state_ == state::failed)
        {
            // The failed commit removed the temporary file: what cancel() is
            // for is done (and `catch (...) { f.cancel(); throw; }` must not
            // throw from the handler).
            detail::clear(ec);
            return;
        }
        if (!owns_temp_ && !is_open())
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           what + ": the object no longer owns a temporary file: " + why_done(), target_, ec);
            return;
        }
        if (!created_here())
            return refuse_in_child(what, ec);
        if (state_ == state::writing)
            state_ = state::cancelled;
        int err = 0;
        if (!discard(&err))
        {
            detail::report(detail::errno_code(err), what + ": cannot remove the temporary file", target_, temp_, ec);
            return;
        }
        detail::clear(ec);
    }

    //! A forked child asked to publish or remove its parent's file: the
    //! descriptor and the name are shared with the parent, which may still be
    //! writing. Nothing is done; the object keeps what it holds, and its
    //! destructor only closes the child's descriptors.
    void refuse_in_child(const std::string& what, system::error_code* ec)
    {
        detail::report(detail::errc_code(system::errc::operation_not_permitted), what + detail::forked_child_refusal,
                       target_, temp_, ec);
    }

    //! The stream stays, failed for good: what it buffers is dropped, and
    //! without a buffer nothing it is asked to do reaches a file (clear()
    //! cannot undo that). The caller's exception mask is kept; setting the
    //! failure does not throw here even when the mask asks for it.
    void detach_stream() noexcept
    {
        if (!stream_ || !stream_->rdbuf())
            return;
        stream_->buffer().discard();
        BOOST_TRY
        {
            stream_->rdbuf(nullptr);
        }
        BOOST_CATCH(...)
        {
            // The buffer is detached and badbit set before clear() throws.
        }
        BOOST_CATCH_END
    }

    void dispose() noexcept
    {
        detach_stream();
        if (owns_temp_ && created_here())
        {
            int ignored = 0;
            detail::publish_remove_temp(used_platform{}, file_, dir_, names(), id_, ignored);
        }
        owns_temp_ = false;
        detail::publish_close(used_platform{}, file_);
        detail::publish_close(used_platform{}, dir_);
    }

    //! Takes everything `other` holds; `other` owns nothing after.
    void take(basic_atomic_file& other) noexcept
    {
        target_ = std::move(other.target_);
        temp_ = std::move(other.temp_);
        target_name_ = std::move(other.target_name_);
        temp_name_ = std::move(other.temp_name_);
        // Exchanged, not moved: `other` keeps this object's old stream
        // (detached by dispose()), so that a reference to it stays valid as
        // long as `other` lives, failed.
        stream_.swap(other.stream_);
        file_ = other.file_;
        dir_ = other.dir_;
        id_ = other.id_;
        owns_temp_ = other.owns_temp_;
        state_ = other.state_;
        options_ = other.options_;
        generation_ = other.generation_;
        other.file_ = invalid();
        other.dir_ = invalid();
        other.owns_temp_ = false;
        other.state_ = state::empty;
        other.temp_.clear();
        other.target_.clear();
    }

    static int look_at_target_hook(const void* owner, detail::target_facts& facts) noexcept
    {
        const basic_atomic_file& self = *static_cast< const basic_atomic_file* >(owner);
        return detail::publish_look_at_target(used_platform{}, self.dir_, self.names(), facts);
    }

    static int new_file_mode_hook(const void* owner, mode_type& mode) noexcept
    {
        const basic_atomic_file& self = *static_cast< const basic_atomic_file* >(owner);
        if (detail::publish_new_file_mode(used_platform{}, self.dir_, mode))
            return 0;
        BOOST_TRY
        {
            const filesystem::path dir = self.target_.parent_path();
            detail::path_string full;
            system::error_code probe_ec;
            const handle_type dir_handle = self.dir_;
            const bool made = detail::create_unique_entry< used_naming >(
                temp_options(detail::publish_shown_name(self.target_name_), dir, ".mode"), dir,
                [dir_handle, &mode](const detail::path_char* p, int& e) noexcept {
                    return detail::publish_probe_mode(used_platform{}, dir_handle, p, mode, e);
                },
                full, who, "a probe file", &probe_ec);
            if (!made)
                return probe_ec.value() != 0 ? probe_ec.value() : EIO;
            return 0;
        }
        BOOST_CATCH(...)
        {
            return ENOMEM;
        }
        BOOST_CATCH_END
    }

    filesystem::path target_, temp_;
    detail::path_string target_name_, temp_name_;
    std::unique_ptr< detail::fd_stream< used_platform > > stream_;
    handle_type file_ = invalid();
    handle_type dir_ = invalid();
    detail::file_identity id_;
    bool owns_temp_ = false;
    state state_ = state::empty;
    atomic_options options_;
    unsigned generation_ = 0;
};

template< typename M, typename D, typename N, typename P >
void swap(basic_atomic_file< M, D, N, P >& a, basic_atomic_file< M, D, N, P >& b) noexcept
{
    a.swap(b);
}

//! The common case: copy the target's mode, sync file and directory.
using atomic_file = basic_atomic_file<>;

// With BOOST_TEMPFILE_SEPARATE_COMPILATION the default owner is compiled once,
// in libs/tempfile (see detail/config.hpp); nothing otherwise.
BOOST_TEMPFILE_EXTERN_TEMPLATE(class, basic_atomic_file<>)

} // namespace tempfile
} // namespace boost

#endif
