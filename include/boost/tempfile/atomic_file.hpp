// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_ATOMIC_FILE_HPP
#define BOOST_TEMPFILE_ATOMIC_FILE_HPP
#pragma once

#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/platform.hpp>

// Writing a new version of a file so that every reader, and the file system
// after a crash, sees either the old content or the new one, never a mix:
//
//     boost::tempfile::atomic_file f("/etc/app.conf");   // .app.conf.k3x9q2ztab.tmp beside it, 0600
//     f.stream() << new_config;
//     f.commit();   // flush, fsync, final mode, rename over the target, fsync the directory
//
// The new content goes to a hidden temporary file created exclusively (0600,
// O_CLOEXEC, O_NOFOLLOW) in the target's own directory -- a rename is atomic
// only within one file system, and the directory is the one place certain
// to be on the target's. commit() gives it its final mode, makes it durable,
// and renames it over the target; a reader holding the old file open keeps
// reading the old content (the new one is another inode). Until commit()
// succeeds the target is never touched: cancel(), a failed commit, and the
// end of an uncommitted object remove the temporary file. A process killed
// at any moment leaves the target whole, old or new; it may leave its hidden
// ".<target>.*.tmp" behind, which is safe to delete.
//
// The target's directory is opened once, at construction, and every later
// step is relative to that descriptor, so renaming or replacing the
// directory's path meanwhile cannot make the temporary file and the rename
// land in different places. A symlink at the target is replaced, not
// followed (its target's mode is what copy_target_mode copies; a dangling
// or looping one counts as no target). The new file belongs to the writing
// user and group: owners, ACLs and extended attributes of the old file are
// not carried over, and neither are the set-user-ID, set-group-ID and
// sticky bits -- nothing atomic_file publishes ever carries S_ISUID or
// S_ISGID (a root service rewriting a user's 04755 file, or one reached
// through a symlink, would otherwise publish a root-owned setuid program).
//
// Policies:
//   Mode        the published file's permission bits: copy_target_mode
//               (default), fixed_mode<0644>, umask_mode, or your own (see
//               mode_context below for the contract). Never 04000 or 02000:
//               fixed_mode refuses them at compile time, commit() refuses a
//               run-time policy giving them.
//   Durability  which fsyncs commit() makes: full_sync (default: the file
//               before the rename, the directory after it) or no_sync.
//               Contract: static constexpr bool sync_file, sync_directory;
//               a policy syncing the directory must sync the file too.
//   Naming      the temporary name (random_name<> by default), given the
//               prefix ".<target>." and suffix ".tmp" (and the pattern
//               ".<target>.XXXXXXXXXX.tmp" for pattern_name).
//   Platform    native_platform, or a wrapper such as
//               fault_injecting_platform<native_platform>.
//
// On Windows (detail/windows/atomic_file.hpp) the same class works on a
// HANDLE: the rename goes through the temporary file's handle, modes map to
// the read-only attribute and the DACL, and FlushFileBuffers is the sync (a
// directory cannot be flushed there). See doc/platforms.adoc.
//
// Errors follow Boost.Filesystem: each fallible operation throws
// filesystem_error whose path1() is the target (path2(), when given, is the
// other path involved: the directory, or the temporary file for a failed
// rename), or reports through an error_code& overload. The error_code
// forms throw nothing but std::bad_alloc.
//
// An object belongs to the process that created it. In a child made by
// fork() its copy is inert: commit() and cancel() fail with
// operation_not_permitted and change nothing on disk, stream() returns a
// stream that cannot write, native_handle() does not write out the stream,
// and the destructor closes the child's descriptors without writing the
// parent's buffered content and without removing the temporary file. (The
// descriptor is shared with the parent: a write or a rename from the child
// would land in, or publish, the parent's half-written file.)

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/fd_stream.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#if !defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/publish.hpp>
#endif
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <cerrno>
#include <climits>
#include <cstring>
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
class mode_context
{
public:
    //! Whether something is at the target's name (a symlink is looked
    //! through: one that leads nowhere -- dangling, looping, or through a
    //! non-directory -- counts as no target, as the symlink itself is what
    //! commit() replaces).
    bool target_exists() const noexcept
    {
        look_at_target();
        return exists_;
    }

    //! Permission bits (07777) of the existing target, as they are: the
    //! set-user-ID, set-group-ID and sticky bits included (copy_target_mode
    //! leaves them out); 0 when there is none.
    mode_type target_mode() const noexcept
    {
        look_at_target();
        return exists_ ? target_mode_ : 0u;
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
        int (*stat_target)(const void* owner, mode_type& mode, bool& exists) noexcept;
        int (*new_file_mode)(const void* owner, mode_type& mode) noexcept;
        const void* owner;
    };

    explicit mode_context(const hooks& h) noexcept : hooks_(h) {}

    void look_at_target() const noexcept
    {
        if (target_known_)
            return;
        target_known_ = true;
        if (const int e = hooks_.stat_target(hooks_.owner, target_mode_, exists_))
        {
            exists_ = false;
            target_mode_ = 0;
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
    mutable bool target_known_ = false, exists_ = false, new_mode_known_ = false;
    mutable mode_type target_mode_ = 0, new_mode_ = 0;
    mutable int error_ = 0;
    mutable failure failed_ = failure::none;
};

//! The default mode policy: an existing target's read, write and execute
//! bits (0777) carry over (a 0640 file stays 0640); a new target gets what a
//! newly created file would (0666 less the umask, or the directory's default
//! ACL). The set-user-ID and set-group-ID bits never carry over: the new file
//! belongs to the writer, so 04755 on a user's file would become a setuid
//! program of whoever rewrites it (root, for a system service). The sticky
//! bit does not either: it means nothing on a regular file on Linux, and the
//! BSDs refuse it to everyone but root (EFTYPE), which would fail commit().
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

//! The target's name is kept in the temporary name so that a leftover
//! (after a crash) says what it was for; cut so that the whole name stays
//! under NAME_MAX (255) with room for the random part and the suffix.
constexpr std::size_t max_target_name_in_temp = 128;

//! The longest file name, in bytes, any local file system takes; a
//! file system may take fewer (create() asks it when that matters).
#if defined(NAME_MAX)
constexpr std::size_t max_file_name = NAME_MAX;
#else
constexpr std::size_t max_file_name = 255;
#endif

inline const char* last_component(const char* p) noexcept
{
    const char* slash = std::strrchr(p, '/');
    return slash ? slash + 1 : p;
}

} // namespace detail

} // namespace tempfile
} // namespace boost

#if defined(BOOST_TEMPFILE_WINDOWS)
// The same class over a HANDLE: see the Windows header.
#include <boost/tempfile/detail/windows/atomic_file.hpp>
#include <boost/core/no_exceptions_support.hpp>
#else

namespace boost {
namespace tempfile {

template< typename Mode = copy_target_mode, typename Durability = full_sync, typename Naming = random_name<>,
          typename Platform = native_platform >
class basic_atomic_file : private boost::empty_value< typename std::conditional<
                              detail::check_mode_policy< Mode >::valid, Mode, copy_target_mode >::type >
{
    static_assert(detail::check_mode_policy< Mode >::value);
    static_assert(detail::check_durability< Durability >::value);
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_platform< Platform >::value);

    // The policies used: one that failed its check above is replaced by the
    // default, so that one mistake gives one message, not a cascade.
    using used_mode = typename std::conditional< detail::check_mode_policy< Mode >::valid, Mode, copy_target_mode >::type;
    using used_durability =
        typename std::conditional< detail::check_durability< Durability >::valid, Durability, full_sync >::type;
    using used_naming = typename std::conditional< detail::has_generate< Naming >::value &&
                                                       std::is_default_constructible< Naming >::value,
                                                   Naming, random_name<> >::type;
    using used_platform = typename std::conditional< is_platform< Platform >::value, Platform, native_platform >::type;

    static constexpr const char* who = "boost::tempfile::atomic_file";

public:
    using mode_policy_type = Mode;
    using durability_type = Durability;
    using naming_type = Naming;
    using platform_type = Platform;
    using native_handle_type = typename used_platform::native_handle_type;

    //! Creates the temporary file beside `target` (which need not exist;
    //! its directory must). Throws filesystem_error naming the target.
    explicit basic_atomic_file(const filesystem::path& target) { create(target, false, nullptr); }

    //! As above; on failure sets ec and leaves the object closed.
    basic_atomic_file(const filesystem::path& target, system::error_code& ec) { create(target, false, &ec); }

    //! As above, and commit() will not replace a target that exists by then
    //! (as commit(no_clobber) does).
    basic_atomic_file(const filesystem::path& target, no_clobber_t) { create(target, true, nullptr); }
    basic_atomic_file(const filesystem::path& target, no_clobber_t, system::error_code& ec)
    {
        create(target, true, &ec);
    }

    basic_atomic_file(basic_atomic_file&& other) noexcept
        : boost::empty_value< used_mode >(boost::empty_init_t(), std::move(other.mode_policy())),
          target_(std::move(other.target_)), temp_(std::move(other.temp_)),
          target_name_(std::move(other.target_name_)), temp_name_(std::move(other.temp_name_)),
          stream_(std::move(other.stream_)), fd_(other.fd_), dirfd_(other.dirfd_), owns_temp_(other.owns_temp_),
          committed_(other.committed_), keep_existing_(other.keep_existing_), generation_(other.generation_)
    {
        other.forget();
    }

    basic_atomic_file& operator=(basic_atomic_file&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            mode_policy() = std::move(other.mode_policy());
            target_ = std::move(other.target_);
            temp_ = std::move(other.temp_);
            target_name_ = std::move(other.target_name_);
            temp_name_ = std::move(other.temp_name_);
            stream_ = std::move(other.stream_);
            fd_ = other.fd_;
            dirfd_ = other.dirfd_;
            owns_temp_ = other.owns_temp_;
            committed_ = other.committed_;
            keep_existing_ = other.keep_existing_;
            generation_ = other.generation_;
            other.forget();
        }
        return *this;
    }

    basic_atomic_file(const basic_atomic_file&) = delete;
    basic_atomic_file& operator=(const basic_atomic_file&) = delete;

    //! Without a successful commit(): the target is untouched and the
    //! temporary file removed (by the creating process only). Never throws.
    ~basic_atomic_file() { dispose(); }

    //! The absolute path of the file being replaced.
    const filesystem::path& target_path() const noexcept { return target_; }

    //! The absolute path of the temporary file; empty once it is gone
    //! (committed, cancelled, failed) or if creation failed.
    const filesystem::path& temp_path() const noexcept { return temp_; }

    //! Whether new content can still be written and committed.
    bool is_open() const noexcept { return fd_ >= 0; }

    //! Whether commit() has put the new content at the target.
    bool committed() const noexcept { return committed_; }

    //! Whether a plain commit() replaces an existing target (false when
    //! constructed with no_clobber).
    bool replaces_existing() const noexcept { return !keep_existing_; }

    //! The temporary file's descriptor, after the stream's buffer is written
    //! out and its position made the descriptor's. -1 when not open. In a
    //! forked child the stream is not written out (its buffer holds the
    //! parent's content).
    native_handle_type native_handle()
    {
        if (stream_ && created_here())
            stream_->buffer().pubsync();
        return fd_;
    }

    //! A std::iostream over the temporary file (binary, buffered; it may be
    //! read back too). Write errors are kept and reported by commit(). The
    //! reference is valid until commit() or cancel(). Throws filesystem_error
    //! (bad_file_descriptor) when not open. In a forked child: the stream in
    //! a failed state (badbit, for good: it has no buffer to write through),
    //! not a throw.
    std::iostream& stream()
    {
        if (fd_ < 0)
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           std::string(who) + "::stream: nothing to write to (committed, cancelled or failed)",
                           target_, nullptr);
        if (!created_here())
        {
            // Detached from its buffer, the stream stays bad even after
            // clear(): nothing the child writes can reach the shared
            // descriptor, and the parent's buffered content is never written.
            // The exception mask is cleared first, or setting badbit would
            // throw ios_base::failure where the child must get a failed stream.
            if (!stream_)
                stream_.reset(new detail::fd_stream< used_platform >(used_platform::invalid_handle()));
            stream_->exceptions(std::ios_base::goodbit);
            stream_->rdbuf(nullptr);
            return *stream_;
        }
        if (!stream_)
            stream_.reset(new detail::fd_stream< used_platform >(fd_));
        return *stream_;
    }

    //! Publishes the new content: writes out the stream, sets the final mode
    //! (Mode policy), fsyncs the file (Durability), closes it, renames it
    //! over the target, fsyncs the directory (Durability). A failure before
    //! the rename leaves the target untouched and removes the temporary file;
    //! either way the object is done (is_open() is false): start a new one to
    //! try again. A failure after the rename (the directory sync; with the
    //! link fallback, removing the temporary name) is reported with the new
    //! content already in place: committed() tells which. In a forked child:
    //! operation_not_permitted, and nothing changes on disk.
    void commit() { commit_impl(keep_existing_, "::commit", nullptr); }
    void commit(system::error_code& ec) { commit_impl(keep_existing_, "::commit", &ec); }

    //! As commit(), but fails with EEXIST (target untouched, temporary file
    //! removed) if the target exists: renameat2(RENAME_NOREPLACE), or where
    //! the kernel or file system lacks it, a hard link then an unlink.
    void commit(no_clobber_t) { commit_impl(true, "::commit(no_clobber)", nullptr); }
    void commit(no_clobber_t, system::error_code& ec) { commit_impl(true, "::commit(no_clobber)", &ec); }

    //! Drops the new content: closes and removes the temporary file; the
    //! target is untouched. After a commit or a cancel there is nothing left
    //! to do, except to retry removing a temporary name that an earlier call
    //! could not remove. In a forked child: operation_not_permitted, and
    //! nothing changes on disk (the parent's temporary file stays).
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
    void create(const filesystem::path& target, bool keep_existing, system::error_code* ec)
    {
        keep_existing_ = keep_existing;
        const std::string name = target.filename().native();
        if (!detail::valid_file_name(name))
        {
            detail::report(detail::errc_code(system::errc::invalid_argument),
                           std::string(who) + ": the target must name a file (not a directory such as \"dir/\", "
                                              "\".\" or \"..\")",
                           target, ec);
            return;
        }
        if (name.size() > detail::max_file_name)
        {
            // Refused here rather than by the first system call that meets
            // it at commit(), after the content was written.
            detail::report(detail::errno_code(ENAMETOOLONG),
                           std::string(who) + ": the target's file name is too long (" + std::to_string(name.size()) +
                               " bytes; a file name holds at most " + std::to_string(detail::max_file_name) + ")",
                           target, ec);
            return;
        }
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
            absolute = cwd / target;
        }
        const filesystem::path dir = absolute.parent_path();
        const int dirfd = detail::open_dir_for_sync< used_platform >(AT_FDCWD, dir.c_str());
        if (dirfd < 0)
        {
            const int e = errno;
            detail::report(detail::errno_code(e),
                           std::string(who) + (e == EACCES ? ": cannot open the target's directory (it must be "
                                                             "readable: commit() syncs it after the rename)"
                                                           : ": cannot open the target's directory"),
                           absolute, dir, ec);
            return;
        }
        std::string full;
        system::error_code create_ec;
        int fd = -1;
        BOOST_TRY
        {
            fd = detail::create_unique< used_naming >(
                temp_options(name, dir, ".tmp"), dir,
                [dirfd](const char* p) noexcept {
                    return open_at(used_platform{}, dirfd, detail::last_component(p), detail::named_file_flags,
                                   static_cast< ::mode_t >(0600));
                },
                full, who, "the temporary file", &create_ec);
        }
        BOOST_CATCH(...)
        {
            close_fd(used_platform{}, dirfd);
            BOOST_RETHROW
        }
        BOOST_CATCH_END
        if (fd < 0)
        {
            close_fd(used_platform{}, dirfd);
            detail::report(create_ec, std::string(who) + ": cannot create the temporary file beside the target",
                           absolute, dir, ec);
            return;
        }
        if (!target_name_fits(dirfd, name, detail::last_component(full.c_str())))
        {
            close_fd(used_platform{}, fd);
            unlink_at(used_platform{}, dirfd, detail::last_component(full.c_str()), 0);
            close_fd(used_platform{}, dirfd);
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
            close_fd(used_platform{}, fd);
            unlink_at(used_platform{}, dirfd, detail::last_component(full.c_str()), 0);
            close_fd(used_platform{}, dirfd);
            BOOST_RETHROW
        }
        BOOST_CATCH_END
        fd_ = fd;
        dirfd_ = dirfd;
        owns_temp_ = true;
        generation_ = detail::fork_generation();
        temp_ = filesystem::path(std::move(full));
        target_ = std::move(absolute);
        detail::clear(ec);
    }

    //! Whether the file system takes the target's name. A temporary name at
    //! least as long (the target's name is part of it, unless cut or the
    //! naming policy leaves it out) was just created, which proves it; else
    //! the name is looked up, without following a symlink.
    static bool target_name_fits(int dirfd, const std::string& name, const char* temp_name) noexcept
    {
        if (std::strlen(temp_name) >= name.size())
            return true;
        struct ::stat st;
        int r;
        r = detail::retry_on_eintr(
            [&]() noexcept { return stat_at(used_platform{}, dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW); });
        return r == 0 || errno != ENAMETOOLONG;
    }

    static options temp_options(const std::string& target_name, const filesystem::path& dir, const char* suffix)
    {
        const std::string shown = target_name.substr(0, detail::max_target_name_in_temp);
        options opts;
        opts.dir(dir);
        // The stock naming policies refuse an option they would ignore: each
        // gets what it makes names from (a user's policy gets all of it).
        if constexpr (!std::is_same< used_naming, pattern_name >::value)
            opts.prefix("." + shown + ".").suffix(suffix);
        // The target's name is text in the pattern: a backslash in it must not
        // escape, nor its '%' or a run of X be random.
        if constexpr (!detail::is_random_name< used_naming >::value)
            opts.pattern(escape_pattern("." + shown + ".") + "XXXXXXXXXX" + suffix);
        return opts;
    }

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    void commit_impl(bool keep_existing, const char* op, system::error_code* ec)
    {
        const std::string what = std::string(who) + op;
        if (fd_ < 0)
        {
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           what + ": nothing to commit (already committed, cancelled or failed)", target_, ec);
            return;
        }
        if (!created_here())
            return refuse_in_child(what, ec);
        if (stream_)
        {
            const int e = stream_->sync_and_error();
            stream_.reset();
            if (e != 0)
                return fail(e, what + ": cannot write the new content", false, ec);
        }

        const mode_context::hooks hooks{&stat_target_hook, &new_file_mode_hook, this};
        const mode_context context(hooks);
        const mode_type new_mode = mode_policy().final_mode(context);
        if (context.error_ != 0)
            return fail(context.error_,
                        what + (context.failed_ == mode_context::failure::target
                                    ? ": cannot read the target's mode"
                                    : ": cannot find the mode a new file gets (the umask)"),
                        false, ec);
        if ((new_mode & ~07777u) != 0)
            return fail(EINVAL, what + ": the mode policy gave bits outside 07777", false, ec);
        if ((new_mode & 06000u) != 0)
            return fail(EPERM,
                        what + ": the mode policy gave the set-user-ID or set-group-ID bit (04000, 02000): "
                               "atomic_file never publishes a file that carries privilege",
                        false, ec);
        if (chmod_fd(used_platform{}, fd_, static_cast< ::mode_t >(new_mode)) != 0)
            return fail(errno, what + ": cannot set the new content's mode", false, ec);

        if constexpr (detail::has_sync_flags< used_durability >::sync_file)
        {
            int r;
            r = detail::retry_on_eintr([&]() noexcept { return sync_fd(used_platform{}, fd_); });
            if (r != 0)
                return fail(errno, what + ": cannot sync the new content to disk", false, ec);
        }

        // Closed before the rename: on network file systems close() is where
        // a write error may first show, and nothing must be published then.
        const int closed = close_fd(used_platform{}, fd_);
        const int close_error = errno;
        fd_ = -1;
        if (closed != 0 && close_error != EINTR)
            return fail(close_error, what + ": cannot close the new content", false, ec);

        const detail::publish_result published =
            detail::publish_at< used_platform >(dirfd_, temp_name_.c_str(), dirfd_, target_name_.c_str(), keep_existing);
        if (!published.published)
        {
            const int e = published.error;
            const char* why = e == EEXIST && keep_existing ? ": the target already exists"
                              : e == EXDEV ? ": cannot rename the temporary file over the target: they are on "
                                             "different file systems (is the target a mount point?)"
                                           : ": cannot rename the temporary file over the target";
            return fail(e, what + why, true, ec);
        }
        committed_ = true;
        if (published.error != 0)
        {
            // The temporary name is a second link to the published content:
            // still owned, so that cancel() or the destructor retries.
            detail::report(detail::errno_code(published.error),
                           what + ": the new content is in place, but its temporary name could not be removed",
                           target_, temp_, ec);
            return;
        }
        owns_temp_ = false;
        temp_.clear();

        if constexpr (detail::has_sync_flags< used_durability >::sync_directory)
        {
            if (const int e = detail::sync_dir< used_platform >(dirfd_))
            {
                close_dir();
                detail::report(detail::errno_code(e),
                               what + ": the new content is in place, but the directory could not be synced: "
                                      "the change may not survive a crash",
                               target_, ec);
                return;
            }
        }
        close_dir();
        detail::clear(ec);
    }

    //! A failed commit step before the rename: drop everything, keep the
    //! target, report. The temporary file's path is named too when
    //! `both_paths` (the rename: which two files were involved matters).
    void fail(int e, const std::string& what, bool both_paths, system::error_code* ec)
    {
        const filesystem::path temp = temp_;
        discard();
        if (both_paths)
            detail::report(detail::errno_code(e), what, target_, temp, ec);
        else
            detail::report(detail::errno_code(e), what, target_, ec);
    }

    //! Closes and removes the temporary file. False (errno set) when the
    //! name could not be removed: the object then still owns it, and cancel()
    //! or the destructor tries again.
    bool discard() noexcept
    {
        stream_.reset();
        if (fd_ >= 0)
        {
            close_fd(used_platform{}, fd_);
            fd_ = -1;
        }
        if (owns_temp_)
        {
            if (unlink_at(used_platform{}, dirfd_, temp_name_.c_str(), 0) != 0 && errno != ENOENT)
                return false;
            owns_temp_ = false;
            temp_.clear();
        }
        close_dir();
        return true;
    }

    void cancel_impl(system::error_code* ec)
    {
        if (!created_here() && (fd_ >= 0 || owns_temp_))
            return refuse_in_child(std::string(who) + "::cancel", ec);
        if (!discard())
        {
            detail::report(detail::errno_code(errno), std::string(who) + "::cancel: cannot remove the temporary file",
                           target_, temp_, ec);
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
        detail::report(detail::errc_code(system::errc::operation_not_permitted),
                       what + ": the object belongs to the process that created it (this is a forked child)",
                       target_, temp_, ec);
    }

    void close_dir() noexcept
    {
        if (dirfd_ >= 0)
        {
            // Read-only and nothing pending on it: a close error loses nothing.
            close_fd(used_platform{}, dirfd_);
            dirfd_ = -1;
        }
    }

    void dispose() noexcept
    {
        stream_.reset();
        if (fd_ >= 0)
            close_fd(used_platform{}, fd_);
        fd_ = -1;
        if (owns_temp_ && created_here())
            unlink_at(used_platform{}, dirfd_, temp_name_.c_str(), 0);
        owns_temp_ = false;
        close_dir();
    }

    void forget() noexcept
    {
        fd_ = -1;
        dirfd_ = -1;
        owns_temp_ = false;
        committed_ = false;
        temp_.clear();
        target_.clear();
    }

    static int stat_target_hook(const void* owner, mode_type& mode, bool& exists) noexcept
    {
        const basic_atomic_file& self = *static_cast< const basic_atomic_file* >(owner);
        struct ::stat st;
        int r;
        r = detail::retry_on_eintr([&]() noexcept { return stat_at(used_platform{}, self.dirfd_, self.target_name_.c_str(), &st, 0); });
        if (r != 0)
        {
            // The name holds nothing, or a symlink that leads nowhere (its
            // target missing, a loop, a file used as a directory): what
            // commit() replaces is then the symlink, and the new file gets a
            // new file's mode.
            const int e = errno;
            exists = false;
            return e == ENOENT || e == ELOOP || e == ENOTDIR ? 0 : e;
        }
        exists = true;
        mode = static_cast< mode_type >(st.st_mode) & 07777u;
        return 0;
    }

    static int new_file_mode_hook(const void* owner, mode_type& mode) noexcept
    {
        const basic_atomic_file& self = *static_cast< const basic_atomic_file* >(owner);
        // A default ACL on the directory replaces the umask (Linux ignores the
        // umask then): the shortcut is right only where there is none.
        mode_type umask = 0;
        if (detail::read_umask< used_platform >(umask) == 0 &&
            detail::directory_default_acl< used_platform >(self.dirfd_) == detail::default_acl::absent)
        {
            mode = 0666u & ~umask;
            return 0;
        }
        BOOST_TRY
        {
            std::string full;
            system::error_code probe_ec;
            const int dirfd = self.dirfd_;
            const int r = detail::create_unique< used_naming >(
                temp_options(self.target_name_, self.temp_.parent_path(), ".mode"), self.temp_.parent_path(),
                [dirfd, &mode](const char* p) noexcept {
                    if (const int e = detail::probe_new_file_mode< used_platform >(dirfd, detail::last_component(p), mode))
                    {
                        errno = e;
                        return -1;
                    }
                    return 0;
                },
                full, who, "a probe file", &probe_ec);
            if (r < 0)
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
    std::string target_name_, temp_name_;
    std::unique_ptr< detail::fd_stream< used_platform > > stream_;
    int fd_ = -1;
    int dirfd_ = -1;
    bool owns_temp_ = false;
    bool committed_ = false;
    bool keep_existing_ = false;
    unsigned generation_ = 0;
};

template< typename M, typename D, typename N, typename P >
void swap(basic_atomic_file< M, D, N, P >& a, basic_atomic_file< M, D, N, P >& b) noexcept
{
    a.swap(b);
}

//! The common case: copy the target's mode, fsync file and directory.
using atomic_file = basic_atomic_file<>;

} // namespace tempfile
} // namespace boost

#endif // !BOOST_TEMPFILE_WINDOWS

#endif
