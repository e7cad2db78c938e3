// quick: posting traffic per story
import './_exp2';
