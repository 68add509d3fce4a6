let x = ;
const = 2
