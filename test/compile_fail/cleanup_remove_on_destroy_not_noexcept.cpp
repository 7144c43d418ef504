// Expected: static assertion failed: "boost::tempfile: a cleanup policy's
// remove_on_destroy() must be noexcept: destructors call it"

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

struct throwing_destroy_policy
{
    bool remove_on_close() const noexcept { return true; }
    bool remove_on_destroy() const { return true; } // not noexcept
};

int main()
{
    tf::named_temp_file< throwing_destroy_policy > file;
}
