#ifndef BOOST_TEMPFILE_NAMED_TEMP_FILE_HPP
#define BOOST_TEMPFILE_NAMED_TEMP_FILE_HPP
#pragma once

// A temporary file with a visible name (Python's NamedTemporaryFile): created
// exclusively, 0600, with an absolute path; the cleanup policy says whether
// close() and the end of the owner's life remove the name. Move-only. A
// process forked from the creator closes its copy's descriptor but never
// removes the name: only the creating process does.

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/created_file.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_handle.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <iostream>
#include <memory>
#include <utility>

namespace boost {
namespace tempfile {

template< typename Cleanup = delete_on_close, typename Naming = random_name<>, typename Permissions = owner_only,
          typename Platform = native_platform >
class basic_named_temp_file : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_file_cleanup< Cleanup >::value, "");
    static_assert(detail::check_naming< Naming >::value, "");
    static_assert(detail::check_permissions< Permissions >::value, "");
    static_assert(detail::check_platform< Platform >::value, "");

    static constexpr const char* who = "boost::tempfile::named_temp_file";

public:
    using cleanup_type = Cleanup;
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename Platform::native_handle_type;

    //! Creates a file in temp_directory_path(). Throws filesystem_error.
    basic_named_temp_file() : basic_named_temp_file(options()) {}

    //! Creates a file as `opts` says. Throws filesystem_error naming the
    //! directory (or, for a bad prefix/suffix, the offending text).
    explicit basic_named_temp_file(const options& opts) { create(opts, nullptr); }

    //! As above; on failure sets ec and leaves the object empty (path() is
    //! empty, is_open() false).
    basic_named_temp_file(const options& opts, system::error_code& ec) { create(opts, &ec); }
    explicit basic_named_temp_file(system::error_code& ec) { create(options(), &ec); }

    basic_named_temp_file(basic_named_temp_file&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), file_(std::move(other.file_)), owns_name_(other.owns_name_),
          generation_(other.generation_)
    {
        other.forget();
    }

    basic_named_temp_file& operator=(basic_named_temp_file&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            cleanup() = std::move(other.cleanup());
            path_ = std::move(other.path_);
            file_ = std::move(other.file_);
            owns_name_ = other.owns_name_;
            generation_ = other.generation_;
            other.forget();
        }
        return *this;
    }

    basic_named_temp_file(const basic_named_temp_file&) = delete;
    basic_named_temp_file& operator=(const basic_named_temp_file&) = delete;

    //! Flushes the stream, closes, and removes the name if the policy says so
    //! (in the creating process only). Never throws.
    ~basic_named_temp_file() { dispose(); }

    //! Absolute path of the file; empty if creation failed or after release().
    const filesystem::path& path() const noexcept { return path_; }

    //! Whether the descriptor is still open.
    bool is_open() const noexcept { return file_.is_open(); }

    //! Whether this object will still remove the name (cleanup policy allowing).
    bool owns_name() const noexcept { return owns_name_; }

    //! The descriptor, after writing out what the stream buffers and moving
    //! the descriptor's offset to the stream's position, so raw I/O and the
    //! stream agree. -1 when closed.
    native_handle_type native_handle() { return file_.synced_fd(); }

    //! A std::iostream over the descriptor (binary, buffered). Throws
    //! filesystem_error (bad_file_descriptor) when the file is closed.
    std::iostream& stream() { return file_.stream(who, path_); }

    //! Writes out the stream, closes the descriptor, and removes the name if
    //! the policy's remove_on_close() says so. Reports the first error met
    //! (a failed write of buffered data, a failed close, a failed removal);
    //! calling it again does nothing. A name already removed by someone else
    //! is not an error.
    void close() { close_impl(false, nullptr); }
    void close(system::error_code& ec) { close_impl(false, &ec); }

    //! Closes and removes the name now, whatever the cleanup policy says.
    void remove() { close_impl(true, nullptr); }
    void remove(system::error_code& ec) { close_impl(true, &ec); }

    //! From now on the name is never removed by this object (Python's
    //! delete=False decided late). The descriptor stays open and owned.
    void keep() noexcept { owns_name_ = false; }

    //! Gives up the descriptor and the name: the caller now closes and
    //! removes them. The object is left empty.
    created_file release()
    {
        created_file result{file_.release(), std::move(path_)};
        forget();
        return result;
    }

    //! The cleanup policy object (for stateful policies).
    Cleanup& cleanup() noexcept { return boost::empty_value< Cleanup >::get(); }
    const Cleanup& cleanup() const noexcept { return boost::empty_value< Cleanup >::get(); }

    void swap(basic_named_temp_file& other) noexcept
    {
        basic_named_temp_file tmp(std::move(other));
        other = std::move(*this);
        *this = std::move(tmp);
    }

private:
    void create(const options& opts, system::error_code* ec)
    {
        filesystem::path dir = detail::creation_dir(opts, ec);
        if (dir.empty())
            return;
        std::string full;
        const int fd = detail::create_named_file< Naming, Permissions, Platform >(opts, dir, full, who, ec);
        if (fd < 0)
            return;
        file_ = detail::file_handle< Platform >(fd);
        path_ = filesystem::path(std::move(full));
        owns_name_ = true;
        generation_ = detail::fork_generation();
    }

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    void close_impl(bool remove_now, system::error_code* ec)
    {
        system::error_code err;
        if (const int e = file_.close())
            err = detail::errno_code(e);
        if (owns_name_ && (remove_now || (cleanup().remove_on_close() && created_here())))
        {
            owns_name_ = false;
            if (unlink_at(Platform{}, AT_FDCWD, path_.c_str(), 0) != 0 && errno != ENOENT && !err)
                err = detail::errno_code(errno);
        }
        if (err)
            detail::report(err, std::string(who) + (remove_now ? "::remove" : "::close"), path_, ec);
        else
            detail::clear(ec);
    }

    void dispose() noexcept
    {
        file_.close_quietly();
        if (owns_name_ && cleanup().remove_on_destroy() && created_here())
            unlink_at(Platform{}, AT_FDCWD, path_.c_str(), 0);
        owns_name_ = false;
    }

    void forget() noexcept
    {
        owns_name_ = false;
        path_.clear();
    }

    filesystem::path path_;
    detail::file_handle< Platform > file_;
    bool owns_name_ = false;
    unsigned generation_ = 0;
};

template< typename C, typename N, typename P, typename Pl >
void swap(basic_named_temp_file< C, N, P, Pl >& a, basic_named_temp_file< C, N, P, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: random name in temp_directory_path(), 0600, removed on
//! close (or as Cleanup says).
template< typename Cleanup = delete_on_close >
using named_temp_file = basic_named_temp_file< Cleanup >;

} // namespace tempfile
} // namespace boost

#endif
