// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEST_PLUGIN_HPP
#define BOOST_TEMPFILE_TEST_PLUGIN_HPP

// What each of the two shared libraries of the shared_libraries test offers:
// the library's own view of Boost.TempFile's process-wide state. Both are
// built from plugin.cpp with hidden visibility; only the entry point is
// exported.

#include <boost/filesystem/path.hpp>

struct plugin_api
{
    const char* name;
    void (*set_temp_directory)(const boost::filesystem::path&);
    void (*reset_temp_directory)();
    boost::filesystem::path (*temp_directory)();
    //! Creates a named_temp_file<> in the default directory, removes it, and
    //! says which directory it was made in.
    boost::filesystem::path (*directory_of_a_new_file)();
    //! detail::fork_generation() as this library sees it.
    unsigned (*fork_generation)();
    //! The address of this library's temp-directory state: equal in both
    //! libraries iff they share one.
    const void* (*temp_directory_state)();
    const void* (*process_state)();
};

extern "C" const plugin_api* boost_tempfile_test_plugin_a();
extern "C" const plugin_api* boost_tempfile_test_plugin_b();

#endif
